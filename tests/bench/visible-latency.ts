import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { IngestStatusResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { createTokenBucket } from '@wijksignaal/simulator/token-bucket';
import { wijkCodeOf } from '@wijksignaal/simulator/wijk-key';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { MARKER_PARTNER } from './bench-partner.ts';
import { percentile } from './percentile.ts';

export interface LatencyRun {
  brokers: string;
  topic: string;
  /** The marker partner's own topic: its accepted count in ingest-status moves only with the markers. */
  markerTopic: string;
  apiUrl: string;
  /** Valid signals to copy (new id each) for the steady background stream. */
  templates: readonly SignalInput[];
  /** A wijk and week no background signal touches, so its count moves only with the markers. */
  markerWijk: string;
  markerWeek: IsoWeek;
  ratePerSecond: number;
  durationSeconds: number;
  markerEveryMs: number;
  pollEveryMs: number;
  /** `Bearer …` for the API's series (a token of the local issuer of the API's DATA_DIR). */
  authorization?: string;
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  markersSent: number;
  markersSeen: number;
  backgroundSent: number;
  achievedRatePerSecond: number;
  polls: number;
}

/** Per marker, in send order: the broker's acknowledgement and the first answer showing it (ms since the epoch). */
export type MarkerTimes = { ackedAt: number | null; seenAt: number | null }[];

/** Background records per produce call: the token bucket drips in slices this small, not in bursts. */
const SLICE = 10;
const MAX_IN_FLIGHT = 500;
const MAX_POLLS = 3;

/**
 * Produce-to-visible latency: a steady background stream at `ratePerSecond` plus a marker signal every
 * `markerEveryMs`, from a partner of its own (`MARKER_PARTNER`), into one otherwise empty wijk/week cell.
 * The API's ingest-status is polled every `pollEveryMs`: it comes from the same snapshot as the published
 * counts, and its count of the marker partner's accepted signals is exact, where the cell itself is
 * perturbed and withheld below k. Marker k is visible once that count has grown by k. Latency runs from
 * the broker's acknowledgement of the marker to the first poll that shows it.
 */
export async function measureVisibleLatency(run: LatencyRun): Promise<LatencyResult & { markerTimes: MarkerTimes }> {
  const kafka = new Kafka({ clientId: 'wijksignaal-bench', brokers: run.brokers.split(','), logLevel: logLevel.NOTHING });
  const background = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const markers = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await background.connect();
  await markers.connect();
  const statusUrl = `${run.apiUrl}/api/v1/ingest-status`;
  try {
    const baseline = await markerCount(statusUrl, run.authorization);
    if (baseline === null) throw new Error(`the API did not answer ${statusUrl}`);
    const ackedAt: (number | undefined)[] = [];
    const seenAt: (number | undefined)[] = [];
    let stop = false;
    let polls = 0;

    const started = performance.now();
    const runEnd = started + run.durationSeconds * 1000;
    // A poll starts every pollEveryMs while fewer than MAX_POLLS are waiting for an answer, so a slow answer
    // on a busy machine does not stretch the sampling interval; a marker counts as seen when an answer shows it.
    const poller = (async () => {
      const inFlight = new Set<Promise<void>>();
      const graceEnd = () => performance.now() > runEnd + 30_000;
      while (!(stop && (seenAt.filter(Boolean).length >= ackedAt.length || graceEnd()))) {
        if (inFlight.size < MAX_POLLS) {
          const poll = markerCount(statusUrl, run.authorization).then((count) => {
            polls++;
            const now = performance.now();
            if (count !== null) for (let k = 0; k < count - baseline && k < ackedAt.length; k++) seenAt[k] ??= now;
          });
          inFlight.add(poll);
          void poll.finally(() => inFlight.delete(poll));
        }
        await delay(run.pollEveryMs);
      }
      await Promise.all(inFlight);
    })();

    const [{ sent: backgroundSent, lastHandedOver }, markersSent] = await Promise.all([
      steadyBackground(background, run, runEnd),
      markerStream(markers, run, runEnd, ackedAt),
    ]);
    // Rate over the sending window; the wait for the last acknowledgements is not part of it.
    const elapsed = Math.max(run.durationSeconds, (lastHandedOver - started) / 1000);
    stop = true;
    await poller;

    const latencies: number[] = [];
    for (let k = 0; k < ackedAt.length; k++) {
      const acked = ackedAt[k];
      const seen = seenAt[k];
      // Unseen within the grace period: counted as the whole wait, so it shows in p99 rather than vanishing.
      if (acked !== undefined) latencies.push(Math.max(0, (seen ?? performance.now()) - acked));
    }
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      markersSent,
      markersSeen: seenAt.filter((t) => t !== undefined).length,
      backgroundSent,
      achievedRatePerSecond: (backgroundSent + markersSent) / elapsed,
      polls,
      // On the epoch's clock, as the pipeline's log lines are, for the hops in between (`latency-hops.ts`).
      // One entry per marker sent, acknowledged or not: its index is its place in the send order.
      markerTimes: ackedAt.map((acked, k) => ({
        ackedAt: acked === undefined ? null : performance.timeOrigin + acked,
        seenAt: seenAt[k] === undefined ? null : performance.timeOrigin + seenAt[k],
      })),
    };
  } finally {
    await background.disconnect().catch(() => undefined);
    await markers.disconnect().catch(() => undefined);
  }
}

/** A steady stream of copies of `templates` at the run's rate less the markers' share, until `runEnd`. */
export async function steadyBackground(
  producer: Producer,
  run: Pick<LatencyRun, 'ratePerSecond' | 'markerEveryMs' | 'templates' | 'topic'>,
  runEnd: number,
): Promise<{ sent: number; lastHandedOver: number }> {
  // The markers are part of the 1,000/s.
  const rate = run.ratePerSecond - 1000 / run.markerEveryMs;
  // Up to a second of credit: after a scheduling stall on a busy machine the stream catches up in slices
  // of SLICE instead of silently running below the rate.
  const bucket = createTokenBucket(rate, rate);
  await bucket.take(rate); // the bucket starts full; empty it so the run does not open with a burst
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  let next = 0;
  let lastHandedOver = performance.now();
  while (performance.now() < runEnd) {
    await bucket.take(SLICE);
    const messages = Array.from({ length: SLICE }, () => {
      const template = run.templates[next++ % run.templates.length]!;
      return { key: wijkCodeOf(template.area), value: JSON.stringify({ ...template, id: randomUUID() }) };
    });
    const send = producer.send({ topic: run.topic, acks: -1, messages });
    inFlight.add(send);
    void send.finally(() => inFlight.delete(send));
    sent += SLICE;
    lastHandedOver = performance.now();
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { sent, lastHandedOver };
}

async function markerStream(
  producer: Producer,
  run: LatencyRun,
  runEnd: number,
  ackedAt: (number | undefined)[],
): Promise<number> {
  const template = markerTemplate(run);
  const sends: Promise<void>[] = [];
  let k = 0;
  for (let due = performance.now(); due < runEnd; due += run.markerEveryMs) {
    const wait = due - performance.now();
    if (wait > 0) await delay(wait);
    const index = k++;
    const signal = { ...template, id: randomUUID(), partner: MARKER_PARTNER, area: run.markerWijk, week: run.markerWeek };
    sends.push(
      producer
        .send({ topic: run.markerTopic, acks: -1, messages: [{ key: run.markerWijk, value: JSON.stringify(signal) }] })
        .then(() => {
          ackedAt[index] = performance.now();
        }),
    );
  }
  await Promise.all(sends);
  return k;
}

function markerTemplate(run: LatencyRun): SignalInput {
  const template = run.templates.find((t) => (t.count ?? 1) === 1);
  if (!template) throw new Error('no single-count signal to use as a latency marker');
  return template;
}

/** The marker partner's accepted signals as the API's current snapshot has them (0 before its first). */
async function markerCount(url: string, authorization: string | undefined): Promise<number | null> {
  const res = await fetch(url, authorization ? { headers: { authorization } } : {}).catch(() => null);
  if (!res?.ok) return null;
  const body = (await res.json()) as IngestStatusResponse;
  return body.partners.find((p) => p.partner === MARKER_PARTNER)?.accepted ?? 0;
}
