import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parseAlarmId } from '@wijksignaal/contracts/alarm-event';
import { addIsoWeeks, isoWeekFromDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';
import { createTopics, uniqueTopicNames, produceSignals, pipelineArgs } from '../support/kafka-kit.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { queryFile } from '../support/read-snapshot.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
let pipeline: ChildService | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-alarms-'));
afterAll(async () => {
  await pipeline?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function signal(area: string, week: string) {
  return {
    id: crypto.randomUUID(),
    partner: 'politie-demo',
    sourceKind: 'police',
    theme: 'escalation',
    category: 'youth_nuisance',
    area,
    areaYear: 2024,
    week,
    ageBand: '15-17',
    severity: 'medium',
  };
}

describe('detection inside the pipeline (real broker, pipeline as a child process)', () => {
  it('an outbreak week gets a red alarm and the wijk ranks first, both in the serving snapshot', async () => {
    const names = uniqueTopicNames('alarms');
    await createTopics(brokers, names, 3);
    const lastComplete = addIsoWeeks(isoWeekFromDate(new Date()), -1);
    const outbreak = 'WK990101';
    const quiet = 'WK990102';
    const messages = [];
    for (let back = 40; back >= 1; back--) {
      const week = addIsoWeeks(lastComplete, -back);
      for (const area of [outbreak, quiet]) for (let i = 0; i < 2 + (back % 2); i++) messages.push(signal(area, week));
    }
    for (let i = 0; i < 30; i++) messages.push(signal(outbreak, lastComplete));
    for (let i = 0; i < 2; i++) messages.push(signal(quiet, lastComplete));
    await produceSignals(
      brokers,
      names,
      messages.map((m) => ({ key: m.area, value: m })),
    );

    pipeline = spawnService('pipelines/main.ts', pipelineArgs(names), {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      SNAPSHOT_INTERVAL_MS: '200',
      ANALYSIS_INTERVAL_MS: '500',
    });
    const snapshots = join(dataDir, 'snapshots');
    const latest = () => join(snapshots, readFileSync(join(snapshots, LATEST_POINTER), 'utf8').trim());
    const monday = mondayIsoDate(lastComplete);
    const alarms = await waitFor(
      async () => {
        const rows = await queryFile(
          latest(),
          `SELECT wijk, method, level FROM alarms WHERE theme = 'escalation' AND week = DATE '${monday}'`,
        ).catch(() => []);
        return rows.some((r) => r.wijk === outbreak && r.level === 'red') ? rows : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'a red alarm for the outbreak week in the serving snapshot' },
    );
    expect(alarms.filter((r) => r.wijk === quiet && r.level !== 'none')).toEqual([]);
    const [top] = await queryFile(latest(), 'SELECT wijk FROM priorities ORDER BY rank LIMIT 1');
    expect(top?.wijk).toBe(outbreak);
    // The alarm is kept as an event too, stamped with the offsets of the run that raised it.
    const opened = await waitFor(
      async () => {
        const rows = await queryFile(
          latest(),
          `SELECT alarm_id, kind, level, method_version, offsets FROM alarm_events WHERE wijk = '${outbreak}' AND week = DATE '${monday}'`,
        ).catch(() => []);
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the opened alarm event in the serving snapshot' },
    );
    // Detection reads the published, perturbed series, so the week before may already be amber: then the red
    // week escalates the episode that opened there, and that episode's opening is an event of its own.
    expect(opened).toEqual([expect.objectContaining({ level: 'red', kind: expect.stringMatching(/^(opened|escalated)$/) })]);
    const alarmId = String(opened[0]?.alarm_id);
    const openedWeek = parseAlarmId(alarmId)?.openedWeek;
    expect(alarmId.startsWith(`${outbreak}.escalation.`)).toBe(true);
    expect(openedWeek !== undefined && openedWeek <= lastComplete).toBe(true);
    expect(opened[0]?.kind === 'opened').toBe(openedWeek === lastComplete);
    const opening = await queryFile(latest(), `SELECT kind, level FROM alarm_events WHERE alarm_id = '${alarmId}' ORDER BY seq LIMIT 1`);
    expect(opening[0]?.kind).toBe('opened');
    const offsets = Object.entries(JSON.parse(String(opened[0]?.offsets)) as Record<string, string>);
    expect(offsets.length).toBeGreaterThan(0);
    expect(offsets.every(([key, next]) => key.startsWith(names.topicPrefix) && /:\d+$/.test(key) && Number(next) >= 0)).toBe(true);
  });
});
