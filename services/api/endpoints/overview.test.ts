import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areasResponse, overviewResponse, type OverviewArea } from '@wijksignaal/contracts/http';
import { overviewColumnsOf, overviewRows, withNames } from '@wijksignaal/contracts/overview-columns';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import { gridPeriod } from '@wijksignaal/domain/published/period-grid';
import { ANALYTICS_NOW, COUNT_QUARTER, analyticsContent } from '../../../tests/support/analytics-fixture.ts';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';
import { PerSnapshotCache } from '../db/per-snapshot-cache.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { DEFAULT_DISCLOSURE } from '../disclosure-views/disclosure-settings.ts';
import { createApiMetrics } from '../ops/api-metrics.ts';
import { protectedOverview } from './protected-overview.ts';

/** What the overview sent per wijk before it was columns: the protected rows, numbers unrounded. */
async function rowsAsBefore(reader: SnapshotReader, now: Date, theme: Theme, period: { from: string; to: string }) {
  const deps = {
    snapshots: reader,
    cache: new PerSnapshotCache(() => false),
    now: () => now,
    disclosure: DEFAULT_DISCLOSURE,
    metrics: createApiMetrics(reader, () => now),
  };
  const grid = gridPeriod(period.from, period.to)!;
  return (await reader.withSnapshot((conn, snap) => protectedOverview(conn, snap, deps, { theme, period: grid }))).areas;
}

/** A number as the dashboard shows it: rates with one decimal, ratios with two (format-number.ts). */
const shown = (rows: readonly OverviewArea[]): OverviewArea[] => {
  const r = (x: number, d: number) => Number(x.toFixed(d));
  return rows.map((row) => ({
    ...row,
    ratePer1000: typeof row.ratePer1000 === 'number' ? r(row.ratePer1000, 1) : row.ratePer1000,
    rate:
      row.rate && 'value' in row.rate
        ? { value: r(row.rate.value, 1), lower: r(row.rate.lower, 1), upper: r(row.rate.upper, 1) }
        : row.rate,
    smr:
      row.smr && 'value' in row.smr
        ? { value: r(row.smr.value, 2), lower: r(row.smr.lower, 2), upper: r(row.smr.upper, 2), expected: r(row.smr.expected, 2) }
        : row.smr,
    priority: row.priority && {
      rank: row.priority.rank,
      score: typeof row.priority.score === 'number' ? r(row.priority.score, 2) : row.priority.score,
    },
  }));
};

describe.each([
  {
    name: 'the API fixture',
    content: fixtureContent,
    now: FIXTURE_NOW,
    period: { from: '2025-W01', to: '2025-W13' },
    holds: ['published count', 'withheld count', 'smr'],
  },
  {
    name: 'the analytics fixture (ranked, alarms)',
    content: analyticsContent,
    now: ANALYTICS_NOW,
    period: COUNT_QUARTER,
    holds: ['published count', 'smr', 'ranked'],
  },
])('the columnar overview of $name', ({ content, now, period, holds }) => {
  let dir: string;
  let reader: SnapshotReader;
  let app: ReturnType<typeof createApp>;
  const kinds = new Set<string>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-overview-columns-'));
    await writeSnapshot(dir, 1, content());
    reader = await openSnapshotReader({ dir });
    app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => now });
  });
  afterAll(async () => {
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(THEMES)('decodes, with the names of /areas, to the rows the overview sent before for %s', async (theme) => {
    const res = await app.request(`/api/v1/overview?theme=${theme}&from=${period.from}&to=${period.to}`);
    const body = overviewResponse.parse(await res.json());
    const names = areasResponse.parse(await (await app.request('/api/v1/areas')).json()).areas;
    const before = await rowsAsBefore(reader, now, theme, period);
    expect(before.length).toBeGreaterThan(0);
    expect(withNames(overviewRows(body), names)).toEqual(shown(before));
    for (const r of before) {
      kinds.add(typeof r.count === 'number' ? 'published count' : 'withheld count');
      kinds.add(r.smr === null ? 'no smr' : 'value' in r.smr ? 'smr' : 'hidden smr');
      if (r.priority) kinds.add('ranked');
    }
  });

  it('was compared on every kind of cell the fixture holds', () => {
    expect([...kinds]).toEqual(expect.arrayContaining(holds));
  });

  it('holds each key once, not once per wijk, and no names', async () => {
    const text = await (await app.request(`/api/v1/overview?theme=loneliness&from=${period.from}&to=${period.to}`)).text();
    expect(text.match(/"count"/g)).toHaveLength(1);
    expect(text).not.toContain('"name"');
    expect(text).not.toContain('gemeenteName');
  });
});

describe('overviewColumnsOf', () => {
  it('refuses a row whose ratePer1000 is not its rate’s value, rather than sending one of them', () => {
    const row = {
      code: 'WK000101',
      count: 12,
      residents: 1000,
      ratePer1000: 12,
      rate: { value: 11, lower: 6, upper: 21 },
      smr: null,
      alarmLevel: 'none' as const,
      priority: null,
    };
    expect(() => overviewColumnsOf([row])).toThrow(/ratePer1000/);
    expect(
      overviewRows({ alarmLevels: ['none', 'amber', 'red'], areas: overviewColumnsOf([{ ...row, ratePer1000: 11 }]) }),
    ).toEqual([{ ...row, ratePer1000: 11 }]);
  });
});
