import { expect } from 'vitest';
import {
  alarmsResponse,
  funnelResponse,
  overviewResponse,
  prioritiesResponse,
  profileResponse,
  seriesResponse,
} from '@wijksignaal/contracts/http';
import { alarmExplanationResponse, detectionMethodsResponse } from '@wijksignaal/contracts/alarm-explanation';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { THEMES } from '@wijksignaal/contracts/signal';
import type { createApp } from '@wijksignaal/api/app';
import type { PublishedTable } from '../support/read-snapshot.ts';
import type { SnapshotContent } from '../support/write-snapshot.ts';
import type { Observations } from './attack-responses.ts';
import { DEFAULT_QUARTER, OVERVIEW_PERIODS, PROFILE_PERIODS, SERIES_WEEKS, type CellRef } from './published-world.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const COUNT_KEYS = new Set(['count', 'observed', 'n']);
const isWithheld = (cell: unknown) =>
  typeof cell === 'object' && cell !== null && (cell as { suppressed?: unknown }).suppressed === true;

export interface ViewsRead {
  /** Every number under a count key (count, observed, n) in any JSON answer, with where. */
  counts: { path: string; value: number }[];
  /** Figures shown as a number although the count they are computed from is withheld. */
  derivedOfWithheld: string[];
}

/**
 * Reads every data view and both exports of one snapshot the way an attacker would (every theme, the grid
 * periods around the data, every wijk's series and profile, priorities stored and re-weighted, alarms),
 * checks each answer against the contract, and records every count cell it shows in `observations`.
 */
export async function readAllViews(
  app: ReturnType<typeof createApp>,
  content: SnapshotContent,
  table: PublishedTable,
  observations: Observations,
): Promise<ViewsRead> {
  const out: ViewsRead = { counts: [], derivedOfWithheld: [] };
  const get = async <T>(path: string, schema: { parse: (v: unknown) => T }): Promise<T> => {
    const res = await app.request(`/api/v1${path}`);
    expect(res.status, path).toBe(200);
    const body = (await res.json()) as Json;
    countsIn(body, path, out.counts);
    return schema.parse(body); // every answer matches the contract the dashboard is typed from
  };
  const csv = async (path: string) => {
    const res = await app.request(`/api/v1${path}`);
    expect(res.status, path).toBe(200);
    const [header, ...lines] = (await res.text()).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const names = header!.split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
  };
  const csvCell = (row: Record<string, string>) =>
    row.count === '' ? { suppressed: true, display: row.count_marker } : Number(row.count);
  const derived = (label: string, count: unknown, figures: unknown[]) => {
    if (isWithheld(count) && figures.some((f) => f !== null && !isWithheld(f))) out.derivedOfWithheld.push(label);
  };
  const areas = content.areas ?? [];
  const wijk = (theme: string, area: string, p: { from: string; to: string }): CellRef => ({
    theme,
    level: 'wijk',
    area,
    ...p,
    dimension: 'total',
    value: '',
  });

  for (const theme of THEMES) {
    for (const p of OVERVIEW_PERIODS) {
      const path = `/overview?theme=${theme}&from=${p.from}&to=${p.to}`;
      for (const a of overviewRows(await get(path, overviewResponse))) {
        observations.record(wijk(theme, a.code, p), a.count, path);
        derived(`${path} ${a.code}`, a.count, [a.rate, a.ratePer1000, a.smr]);
      }
    }
    const byDefault = await get(`/overview?theme=${theme}`, overviewResponse);
    expect(byDefault.period).toMatchObject({ from: DEFAULT_QUARTER.from, to: DEFAULT_QUARTER.to });
    for (const a of overviewRows(byDefault))
      observations.record(wijk(theme, a.code, DEFAULT_QUARTER), a.count, 'default overview');
    for (const a of (await get(`/funnel?theme=${theme}`, funnelResponse)).areas) {
      observations.record(wijk(theme, a.code, DEFAULT_QUARTER), a.observed, 'funnel');
      derived(`funnel ${theme} ${a.code}`, a.observed, [a.ratePer1000, a.expected, a.smr]);
    }
    for (const { code, gemeenteCode } of areas) {
      const path = `/areas/${code}/series?theme=${theme}&from=${SERIES_WEEKS[0]}&to=${SERIES_WEEKS.at(-1)}`;
      for (const w of (await get(path, seriesResponse)).weeks)
        observations.record(wijk(theme, code, { from: w.week, to: w.week }), w.count, path);
      for (const p of PROFILE_PERIODS) {
        const profilePath = `/areas/${code}/profile?theme=${theme}&from=${p.from}&to=${p.to}`;
        const profile = await get(profilePath, profileResponse);
        for (const dimension of ['category', 'source', 'ageBand'] as const)
          for (const row of profile.breakdowns[dimension])
            observations.record({ ...wijk(theme, code, p), dimension, value: row.key }, row.count, profilePath);
        const [own, gemeente, region] = profile.comparison;
        observations.record(wijk(theme, code, p), own!.count, profilePath);
        observations.record({ ...wijk(theme, gemeenteCode, p), level: 'gemeente' }, gemeente!.count, profilePath);
        observations.record({ ...wijk(theme, 'region', p), level: 'region' }, region!.count, profilePath);
        for (const row of profile.comparison) derived(`${profilePath} ${row.level}`, row.count, [row.rate]);
      }
    }
    for (const row of await csv(`/exports/overview?theme=${theme}`))
      observations.record(wijk(theme, row.wijk_code!, DEFAULT_QUARTER), csvCell(row), 'overview export');
    const weeklyPath = `/exports/weekly-counts?theme=${theme}&from=${SERIES_WEEKS[0]}&to=${SERIES_WEEKS.at(-1)}`;
    for (const row of await csv(weeklyPath))
      observations.record(wijk(theme, row.wijk_code!, { from: row.week!, to: row.week! }), csvCell(row), 'weekly export');
    await get(`/priorities?theme=${theme}`, prioritiesResponse);
  }

  for (const path of ['/priorities', '/priorities?smrWeight=2&trendWeight=0.5&alarmWeight=3']) {
    const body = await get(path, prioritiesResponse);
    expect(body.period).toMatchObject({ from: DEFAULT_QUARTER.from, to: DEFAULT_QUARTER.to });
    for (const entry of body.priorities)
      for (const [theme, c] of Object.entries(entry.components)) {
        observations.record(wijk(theme, entry.code, DEFAULT_QUARTER), c.observed, path);
        // The SMR of a withheld quarter would give its count away; the trend and the parts come from the
        // 4-week cells (a withheld one as k − 1), so they may be shown whatever the quarter is.
        derived(`${path} ${entry.code} ${theme}`, c.observed, [c.smr, c.smrLower, c.smrUpper, c.expected]);
      }
  }
  for (const path of ['/alarms', `/alarms?from=${SERIES_WEEKS[0]}&to=${SERIES_WEEKS.at(-1)}`]) {
    for (const a of (await get(path, alarmsResponse)).alarms) {
      observations.record(wijk(a.theme, a.code, { from: a.week, to: a.week }), a.observed, path);
      // Each alarm's explanation shows the same week's cell, as every method's observed count.
      const explained = `/areas/${a.code}/alarm-explanations/${a.week}?theme=${a.theme}`;
      const body = await get(explained, alarmExplanationResponse);
      const cell = wijk(a.theme, a.code, { from: a.week, to: a.week });
      observations.record(cell, body.count, explained);
      // Expected values and thresholds are shown as in the series (below k as `<k`), by design.
      for (const m of body.methods) observations.record(cell, m.observed, explained);
    }
  }
  for (const theme of THEMES)
    for (const { code } of areas) await get(`/areas/${code}/detection-methods?theme=${theme}`, detectionMethodsResponse);
  expect(table.k, 'the snapshot says its k').toBeGreaterThanOrEqual(3);
  return out;
}

/** Every count-like number (under a key count/observed/n) that is published as a plain number. */
function countsIn(value: Json, path: string, out: { path: string; value: number }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => countsIn(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (COUNT_KEYS.has(key) && typeof v === 'number') out.push({ path: `${path}.${key}`, value: v });
      countsIn(v, `${path}.${key}`, out);
    }
  }
}
