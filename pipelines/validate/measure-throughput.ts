/**
 * How many valid signals per second `validateSignal` handles, for the bench and for anyone changing the
 * validation stage. CPU time is reported next to wall time because the machines running it are shared.
 * Run alone: `npx tsx pipelines/validate/measure-throughput.ts [messages]`.
 */
import { pathToFileURL } from 'node:url';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import { validateSignal, type ValidationContext } from '@wijksignaal/domain/validate/validate-signal';

export interface ValidateThroughput {
  messages: number;
  perWallSecond: number;
  perCpuSecond: number;
}

export function measureValidateThroughput(messages = 300_000): ValidateThroughput {
  const encoder = new TextEncoder();
  const areas = new Map<string, { wijk: string; gemeente: string }>();
  const samples: Uint8Array[] = [];
  for (let i = 0; i < 10_000; i++) {
    const wijk = `WK${String(i % 3_500).padStart(6, '0')}`;
    areas.set(wijk, { wijk, gemeente: `GM${wijk.slice(2, 6)}` });
    const signal = {
      id: crypto.randomUUID(),
      partner: 'demo-partner',
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'social',
      area: wijk,
      areaYear: 2024,
      week: `2025-W${String(1 + (i % 52)).padStart(2, '0')}`,
      ageBand: '75+',
      severity: 'medium',
      count: 1 + (i % 7),
    };
    samples.push(encoder.encode(JSON.stringify(signal)));
  }
  const ctx: ValidationContext = {
    partners: new Set(['demo-partner']),
    areas,
    areaYear: 2024,
    currentWeek: '2026-W01',
    retentionWeeks: 260,
    maxBytes: MAX_SIGNAL_BYTES,
  };
  let accepted = 0;
  for (const sample of samples) if (validateSignal(sample, ctx).ok) accepted++; // warm-up
  if (accepted !== samples.length) throw new Error('measure-throughput: the sample signals should all be valid');

  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < messages; i++) validateSignal(samples[i % samples.length] as Uint8Array, ctx);
  const wallSeconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    messages,
    perWallSecond: Math.round(messages / wallSeconds),
    perCpuSecond: Math.round(messages / cpuSeconds),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  const messages = arg === undefined ? undefined : Number(arg);
  if (messages !== undefined && !(Number.isInteger(messages) && messages > 0)) {
    process.stderr.write(`measure-throughput: messages must be a positive whole number (got ${arg})\n`);
    process.exit(2);
  }
  const r = measureValidateThroughput(messages);
  process.stdout.write(
    `validateSignal: ${r.perCpuSecond} valid signals per CPU-second, ${r.perWallSecond} per wall-second (${r.messages} messages)\n`,
  );
}
