import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { DLQ_HEADERS } from '@wijksignaal/contracts/topics';
import { SIGNALS_RETENTION_MS } from '@wijksignaal/kafka-local/topics';
import { createTopics, partnerTopicOf, pipelineArgs, produceSignals, readAll, uniqueTopicNames } from '../support/kafka-kit.ts';
import { spawnService } from '../support/pipeline-process.ts';
import { consumedInMeta, latestSnapshotMeta } from '../support/read-snapshot.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const brokerDir = inject('kafkaBrokerDir');
const names = uniqueTopicNames('no-personal-data');
const PARTNER = 'demo-partner';
const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-at-rest-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A BSN nobody else uses in this run: nine digits passing the 11-proef. */
function uniqueBsn(): string {
  for (;;) {
    const digits = [...randomBytes(8)].map((b, i) => (i === 0 ? 1 + (b % 9) : b % 10));
    const check = digits.reduce((s, d, i) => s + d * (9 - i), 0) % 11;
    if (check <= 9) return `${digits.join('')}${check}`;
  }
}

/**
 * Every file under `dir` whose bytes contain `needle`, as paths relative to `dir`. Other tests share the
 * broker, so a folder of a topic being deleted may vanish during the walk; what is gone holds nothing.
 */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  const found: string[] = [];
  const gone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  const walk = (at: string) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch (error) {
      if (gone(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        try {
          if (readFileSync(path).includes(bytes)) found.push(relative(dir, path));
        } catch (error) {
          if (!gone(error)) throw error;
        }
      }
    }
  };
  walk(dir);
  return found.sort();
}

describe('no personal data at rest', () => {
  it('keeps a BSN and a made-up partner name only in the raw topic’s own segments, which expire after 28 days', async () => {
    await createTopics(brokers, names, 1, [PARTNER]);
    const pipeline = spawnService('pipelines/main.ts', [...pipelineArgs(names), '--partners', PARTNER], {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      SNAPSHOT_INTERVAL_MS: '200',
    });
    const bsn = uniqueBsn();
    const madeUpPartner = `zorgbureau-jansen-${randomBytes(4).toString('hex')}`;
    const signal = {
      id: randomUUID(),
      partner: PARTNER,
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'isolation',
      area: generateDemoRegion().areas[0]!.code,
      areaYear: 2024,
      week: isoWeekFromDate(new Date()),
      ageBand: '75+',
      severity: 'medium',
    };
    await produceSignals(brokers, names, [
      { key: signal.area, value: { ...signal, id: randomUUID(), clientnummer: bsn } },
      { partner: PARTNER, key: signal.area, value: { ...signal, id: randomUUID(), partner: madeUpPartner } },
      { key: signal.area, value: signal },
    ]);

    const letters = await readAll(brokers, names.dlq, { expected: 2, timeoutMs: 90_000 });
    expect(letters.map((l) => l.headers[DLQ_HEADERS.reason]).sort()).toEqual(['personal_data', 'unknown_partner']);
    await waitFor(async () => consumedInMeta(await latestSnapshotMeta(join(dataDir, 'snapshots'))) === 3, {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: 'a snapshot that has consumed all three messages',
    });
    expect(await pipeline.stop()).toBe(0);

    const rawTopic = partnerTopicOf(names, PARTNER);
    for (const needle of [bsn, madeUpPartner]) {
      const inBroker = filesContaining(brokerDir, needle);
      // The grep finds what is there: the partner's own topic holds the message as sent ...
      expect(inBroker.length).toBeGreaterThan(0);
      // ... and nothing else of the broker does: not the dead-letter topic, offsets, metadata or the broker log.
      expect(inBroker.filter((file) => !file.startsWith(join('kraft', `${rawTopic}-`)))).toEqual([]);
      // The pipeline's data folder (live database, its WAL, snapshots) and its log keep none of it.
      expect(filesContaining(dataDir, needle)).toEqual([]);
      expect(JSON.stringify(pipeline.events) + pipeline.stderr.join('')).not.toContain(needle);
    }
    expect(SIGNALS_RETENTION_MS).toBe(28 * 86_400_000);
  });
});
