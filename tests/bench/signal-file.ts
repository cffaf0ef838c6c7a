import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { DEMO_PARTNERS } from '@wijksignaal/simulator/demo-partners';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { BENCH_PARTNER } from './bench-partner.ts';

/** Enough simulated signals to cover a few national weeks; the rest are copies with new ids in older weeks. */
const TEMPLATE_COUNT = 40_000;
/** Copies stay well inside the pipeline's default retention of 260 weeks. */
const MAX_WEEKS_BACK = 200;

export interface SignalFile {
  file: string;
  records: number;
  rejectedExpected: number;
  /** Valid simulated signals, to build more traffic from (the latency run). */
  templates: SignalInput[];
  toWeek: IsoWeek;
}

/**
 * Writes `count` Kafka records as `key<TAB>value` lines for `kcat -P -K '\t' -l`. Generating a million
 * signals with the simulator takes minutes, so it simulates a few weeks of the whole registry (the bench
 * partner's realistic mix of themes, wijken and 1% bad records) and repeats them with fresh ids, each round a block
 * of weeks further back, so the cube the pipeline builds has the sparsity of real weeks.
 */
export function writeSignalFile(opts: { registry: AreaRegistry; count: number; seed: number; file: string }): SignalFile {
  const generated = generateMessages({
    registry: opts.registry,
    count: Math.min(TEMPLATE_COUNT, opts.count),
    seed: opts.seed,
    badShare: 0.01,
    partners: DEMO_PARTNERS.filter((p) => p.id === BENCH_PARTNER),
  });
  const span = Math.max(1, isoWeeksBetween(generated.fromWeek ?? generated.toWeek, generated.toWeek) + 1);
  const lineSafe = generated.messages.filter((m) => !hasLineBreak(m.key) && !hasLineBreak(m.value));
  const parsed = lineSafe.map((m) => (m.kind === 'valid' ? (JSON.parse(String(m.value)) as SignalInput) : null));

  const fd = openSync(opts.file, 'w');
  let rejectedExpected = 0;
  try {
    let chunk: Buffer[] = [];
    for (let i = 0; i < opts.count; i++) {
      const index = i % lineSafe.length;
      const message = lineSafe[index]!;
      const template = parsed[index];
      let value: string | Buffer;
      if (template) {
        const back = (Math.floor(i / lineSafe.length) * span) % MAX_WEEKS_BACK;
        value =
          back === 0 && i < lineSafe.length
            ? message.value
            : JSON.stringify({ ...template, id: randomUUID(), week: addIsoWeeks(template.week as IsoWeek, -back) });
      } else {
        value = message.value; // a bad record stays bad however often it is sent
        rejectedExpected++;
      }
      chunk.push(Buffer.from(`${message.key}\t`), typeof value === 'string' ? Buffer.from(value) : value, NEWLINE);
      if (chunk.length >= 30_000) {
        writeSync(fd, Buffer.concat(chunk));
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, Buffer.concat(chunk));
  } finally {
    closeSync(fd);
  }
  return { file: opts.file, records: opts.count, rejectedExpected, templates: generated.valid, toWeek: generated.toWeek };
}

const NEWLINE = Buffer.from('\n');

function hasLineBreak(value: string | Buffer): boolean {
  return typeof value === 'string' ? /[\n\r\t]/.test(value) : value.includes(10) || value.includes(13) || value.includes(9);
}
