import type { AreaRegistry } from '@wijksignaal/contracts/area';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { DLQ_TOPIC } from '@wijksignaal/contracts/topics';
import { BAD_KINDS, type BadKind } from './bad-messages.ts';
import type { DemoPartner } from './demo-partners.ts';
import { generateMessages } from './generate-messages.ts';
import type { SignalProducer } from './producer.ts';
import { createTokenBucket } from './token-bucket.ts';

export { runDemoStream, type DemoStreamOptions, type DemoStreamResult } from './demo-stream.ts';

export interface ProduceCountOptions {
  registry: AreaRegistry;
  producer: SignalProducer;
  /** Total records on the wire, bad ones and duplicates included. */
  count: number;
  seed: number | string;
  /** Records per second; omitted = as fast as the broker takes them. */
  rate?: number;
  badShare?: number;
  duplicateShare?: number;
  partners?: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[];
  endWeek?: IsoWeek;
  signal?: AbortSignal;
}

export interface ProduceSummary {
  topicPrefix: string;
  produced: number;
  valid: number;
  duplicates: number;
  badByKind: Record<BadKind, number>;
  seconds: number;
  fromWeek: IsoWeek | null;
  toWeek: IsoWeek;
  rateScale: number;
  /** Generation time, reported apart so the send rate is the broker's, not the generator's. */
  generateSeconds: number;
}

/** Produces exactly `count` records (the same ones `generateMessages` returns for these options). */
export async function produceCount(opts: ProduceCountOptions): Promise<ProduceSummary> {
  const t0 = performance.now();
  const generated = generateMessages({
    registry: opts.registry,
    count: opts.count,
    seed: opts.seed,
    ...(opts.badShare !== undefined ? { badShare: opts.badShare } : {}),
    ...(opts.duplicateShare !== undefined ? { duplicateShare: opts.duplicateShare } : {}),
    ...(opts.partners ? { partners: opts.partners } : {}),
    ...(opts.endWeek ? { endWeek: opts.endWeek } : {}),
  });
  const t1 = performance.now();
  const records = generated.messages;
  let produced = 0;
  if (opts.rate === undefined) {
    await opts.producer.send(records, { ...(opts.signal ? { signal: opts.signal } : {}), onProgress: (n) => (produced = n) });
  } else {
    // About twenty sends a second keeps the stream smooth without one request per record.
    const step = Math.max(1, Math.min(5000, Math.floor(opts.rate / 20)));
    const bucket = createTokenBucket(opts.rate, step);
    for (let i = 0; i < records.length && !opts.signal?.aborted; i += step) {
      const chunk = records.slice(i, i + step);
      await bucket.take(chunk.length, opts.signal);
      if (opts.signal?.aborted) break;
      await opts.producer.send(chunk);
      produced += chunk.length;
    }
  }
  return {
    topicPrefix: opts.producer.topicPrefix,
    produced,
    valid: generated.valid.length,
    duplicates: generated.duplicates,
    badByKind: generated.badByKind,
    seconds: (performance.now() - t1) / 1000,
    generateSeconds: (t1 - t0) / 1000,
    fromWeek: generated.fromWeek,
    toWeek: generated.toWeek,
    rateScale: generated.rateScale,
  };
}

/** The one-paragraph report the CLI prints. */
export function formatSummary(s: ProduceSummary): string {
  const bad = BAD_KINDS.reduce((sum, k) => sum + s.badByKind[k], 0);
  const kinds = BAD_KINDS.filter((k) => s.badByKind[k] > 0)
    .map((k) => `${k} ${s.badByKind[k]}`)
    .join(', ');
  const perSecond = s.seconds > 0 ? Math.round(s.produced / s.seconds) : s.produced;
  const lines = [
    `produced ${s.produced} messages to ${s.topicPrefix}.partner.<partner> in ${s.seconds.toFixed(2)} s (${perSecond} msg/s; generated in ${s.generateSeconds.toFixed(2)} s)`,
    `  ${s.valid} valid signals, weeks ${s.fromWeek ?? '-'} to ${s.toWeek}${s.rateScale > 1 ? ` (base rates ×${s.rateScale.toFixed(1)} to fit the area registry)` : ''}`,
    `  ${s.duplicates} duplicate re-sends of earlier ids (the pipeline counts each id once)`,
    `  ${bad} bad${kinds ? ` (${kinds})` : ''}: each should reach the dead-letter topic (${DLQ_TOPIC}) with that reason`,
  ];
  return lines.join('\n');
}
