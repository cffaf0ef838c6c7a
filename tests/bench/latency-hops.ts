import type { LogEvent } from '../support/pipeline-process.ts';
import { percentile } from './percentile.ts';
import type { MarkerTimes } from './visible-latency.ts';

/** p50 and p99 of one hop of the visible path, over the markers it could be told for. */
export interface HopFigure {
  p50Ms: number;
  p99Ms: number;
  markers: number;
}

export interface LatencyHops {
  /** Broker ack → the marker's batch committed (fetch wait, validation, the write queue, the commit). */
  toCommit: HopFigure;
  /** Commit → the first snapshot write that started after it (the publisher's interval, a write in progress). */
  toSnapshotStart: HopFigure;
  /** That snapshot's write, start to `LATEST` moved. */
  snapshotWrite: HopFigure;
  /** `LATEST` moved → the first `/ingest-status` answer showing the marker (the API's notice, open, warming, poll). */
  toVisible: HopFigure;
}

/**
 * Splits each marker's produce-to-visible time into hops, from the pipeline's log (`batch.committed` of the
 * marker topic with its accepted count, `snapshot.published` with `startedAt`) on the same clock as the
 * bench's acknowledgement and answer times. Marker k (in send order) is committed by the first marker batch
 * that brings the accepted count past k, and published by the first snapshot started after that commit.
 */
export function latencyHops(
  markerTimes: MarkerTimes,
  events: readonly LogEvent[],
  markerTopic: string,
  markersBefore = 0,
): LatencyHops {
  const commits: { at: number; upTo: number }[] = [];
  let accepted = 0;
  for (const e of events) {
    if (e.event !== 'batch.committed' || e.topic !== markerTopic) continue;
    accepted += Number(e.accepted ?? 0);
    commits.push({ at: Date.parse(String(e.at)), upTo: accepted - markersBefore });
  }
  const snapshots = events
    .filter((e) => e.event === 'snapshot.published' && e.startedAt !== undefined)
    .map((e) => ({ startedAt: Date.parse(String(e.startedAt)), at: Date.parse(String(e.at)) }));
  const hops = {
    toCommit: [] as number[],
    toSnapshotStart: [] as number[],
    snapshotWrite: [] as number[],
    toVisible: [] as number[],
  };
  markerTimes.forEach((m, k) => {
    const commit = commits.find((c) => c.upTo > k);
    if (!commit || m.ackedAt === null) return;
    hops.toCommit.push(commit.at - m.ackedAt);
    const snapshot = snapshots.find((s) => s.startedAt >= commit.at);
    if (!snapshot) return;
    hops.toSnapshotStart.push(snapshot.startedAt - commit.at);
    hops.snapshotWrite.push(snapshot.at - snapshot.startedAt);
    if (m.seenAt !== null) hops.toVisible.push(m.seenAt - snapshot.at);
  });
  const figure = (values: number[]): HopFigure => ({
    p50Ms: percentile(values, 50),
    p99Ms: percentile(values, 99),
    markers: values.length,
  });
  return {
    toCommit: figure(hops.toCommit),
    toSnapshotStart: figure(hops.toSnapshotStart),
    snapshotWrite: figure(hops.snapshotWrite),
    toVisible: figure(hops.toVisible),
  };
}

export function describeHops(h: LatencyHops): string {
  const one = (name: string, f: HopFigure) => `${name} p50 ${Math.round(f.p50Ms)} / p99 ${Math.round(f.p99Ms)} ms`;
  return [
    one('ack→commit', h.toCommit),
    one('commit→snapshot start', h.toSnapshotStart),
    one('snapshot write', h.snapshotWrite),
    one('LATEST→visible', h.toVisible),
  ].join(', ');
}
