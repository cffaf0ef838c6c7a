import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OverviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { MAX_NOISE } from '@wijksignaal/domain/published/perturbation';
import { DLQ_HEADERS } from '@wijksignaal/contracts/topics';
import { createTopics, partnerTopicOf, readAll, uniqueTopicNames } from '../support/kafka-kit.ts';
import { kcatProduce } from '../support/kcat.ts';
import { publishedTableOf } from '../support/read-snapshot.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { openLocalIssuer } from '../../services/api/auth/local-issuer.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers');
const names = uniqueTopicNames('kcat');
let stack: TestStack;
let wijk: string;
let headers: { authorization: string };

beforeAll(async () => {
  await createTopics(brokers.split(','), names, 3);
  stack = await startTestStack(brokers.split(','), names);
  // A token of the stack's built-in local issuer, as `npm run token -- --role epidemiologist` prints it.
  const issuer = await openLocalIssuer(stack.dataDir);
  headers = { authorization: `Bearer ${await issuer.sign({ subject: 'kcat-test', role: 'epidemiologist', ttlSeconds: 3600 })}` };
  const areas = (await (await fetch(`${stack.baseUrl}/api/v1/areas`, { headers })).json()) as { areas: { code: string }[] };
  wijk = areas.areas[0]!.code;
});
afterAll(async () => {
  await stack?.stop();
});

function validBsn(): string {
  // 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11)
  for (let n = 123456780; ; n++) {
    const d = String(n).padStart(9, '0').split('').map(Number);
    const sum = d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8]!;
    if (sum % 11 === 0) return d.join('');
  }
}

describe('a partner producing with kcat (librdkafka, not Node)', () => {
  it('is counted once in the API, even when sent twice; malformed and BSN-carrying messages go to the DLQ with their reason', async () => {
    const week = isoWeekFromDate(new Date());
    // Five distinct signals (k = 5), the first sent twice.
    const signal = {
      id: crypto.randomUUID(),
      partner: 'demo-partner',
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'isolation',
      area: wijk,
      areaYear: 2024,
      week,
      ageBand: '75+',
      severity: 'medium',
    };
    const others = Array.from({ length: 4 }, () => ({ ...signal, id: crypto.randomUUID() }));
    const bsnSignal = { ...signal, id: crypto.randomUUID(), clientNumber: validBsn() };
    await kcatProduce(brokers, partnerTopicOf(names, signal.partner), [
      { key: wijk, value: JSON.stringify(signal) },
      { key: wijk, value: '{"id": "broken' },
      { key: wijk, value: JSON.stringify(bsnSignal) },
      ...others.map((o) => ({ key: wijk, value: JSON.stringify(o) })),
      { key: wijk, value: JSON.stringify(signal) },
    ]);

    const dead = await readAll(brokers.split(','), names.dlq, { expected: 2, timeoutMs: 60_000 });
    const reasons = dead.map((m) => m.headers[DLQ_HEADERS.reason]).sort();
    expect(reasons).toEqual(['malformed_json', 'personal_data']);
    const bsnLetter = dead.find((m) => m.headers[DLQ_HEADERS.reason] === 'personal_data')!;
    // A letter rejected for personal data keeps no value and no key: the BSN is nowhere in the topic.
    expect(bsnLetter.value).toBeNull();
    expect(bsnLetter.key).toBeNull();
    expect(JSON.stringify(dead)).not.toContain(bsnSignal.clientNumber);
    expect(bsnLetter.headers[DLQ_HEADERS.topic]).toBe(partnerTopicOf(names, signal.partner));
    expect(bsnLetter.headers[DLQ_HEADERS.partner]).toBe(signal.partner);
    // Any other rejection travels unchanged, for the partner to inspect.
    expect(dead.find((m) => m.headers[DLQ_HEADERS.reason] === 'malformed_json')!.value).toBe('{"id": "broken');

    const shown = await waitFor(
      async () => {
        const status = (await (await fetch(`${stack.baseUrl}/api/v1/ingest-status`, { headers })).json()) as {
          partners: { partner: string; accepted: number; rejected: Record<string, number> }[];
          snapshotSequence: number;
        };
        const demo = status.partners.find((p) => p.partner === 'demo-partner');
        // every message handled: five accepted, one rejected for personal data (and the repeat skipped)
        if (!demo || demo.accepted < 5 || (demo.rejected.personal_data ?? 0) < 1) return undefined;
        const res = await fetch(`${stack.baseUrl}/api/v1/overview?theme=loneliness&from=${week}&to=${week}`, { headers });
        const body = (await res.json()) as OverviewResponse & { snapshotSequence: number };
        if (body.snapshotSequence < status.snapshotSequence) return undefined;
        const table = await publishedTableOf(join(stack.dataDir, 'snapshots'), body.snapshotSequence);
        if (!table) return undefined;
        const cell = { theme: 'loneliness', area: wijk, from: week };
        return { count: overviewRows(body).find((a) => a.code === wijk)?.count, published: table.shown(cell) };
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the signals to be in the snapshot the overview answers from' },
    );
    // The overview shows the published cell of its snapshot: 5 perturbed by at most ±3, withheld below 5.
    expect(shown.count).toEqual(shown.published);
    if (typeof shown.count === 'number') expect(Math.abs(shown.count - 5)).toBeLessThanOrEqual(MAX_NOISE);
    else expect(shown.count).toEqual({ suppressed: true, display: '<5' });
    expect(stack.pipeline.child.exitCode).toBeNull();
    expect(stack.api.child.exitCode).toBeNull();
  });
});
