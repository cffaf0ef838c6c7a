import type { PrioritiesResponse } from '@wijksignaal/contracts/http';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import { hidden, isSuppressed, protectTable, type Cell } from '@wijksignaal/domain/disclosure/index';
import type { ThemeComponent, WijkPriority } from '@wijksignaal/domain/priority/priority-score';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { wijkCountRelations } from './protect-wijk-figures.ts';

export interface PriorityArea {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
}

type Entry = PrioritiesResponse['priorities'][number];

const EMPTY: ThemeComponent = {
  smr: null,
  smrLower: null,
  smrUpper: null,
  observed: 0,
  expected: null,
  trendRatio: null,
  alarmLevel: 'none',
  contribution: 0,
};

/**
 * The priority list, protected. Each theme's observed counts are the wijk counts of the SMR window, the
 * same numbers the overview shows for that period, so they are protected the same way: one table over every
 * wijk in code order with the overview's relations (wijkCountRelations: gemeente, region over the gemeenten),
 * so identical input gives identical hidden cells. Everything
 * computed from a hidden count (SMR, its bounds, expected, trend, the theme's contribution) is hidden with
 * it; a score is hidden when a hidden count moved it (a non-zero contribution). The rank stays: it is an
 * order, not a number of people, and the list would be useless without it.
 * With `theme`, the score is that theme's contribution and the list is ranked by it.
 */
export function protectPriorities(
  priorities: readonly WijkPriority[],
  areas: readonly PriorityArea[],
  theme: Theme | null,
  settings: DisclosureSettings,
): Entry[] {
  const byWijk = new Map(priorities.map((p) => [p.wijk, p]));
  const component = (code: string, t: Theme): ThemeComponent => byWijk.get(code)?.components[t] ?? EMPTY;
  const observedCells = new Map<Theme, Map<string, Cell>>();
  for (const t of THEMES) {
    const { rows } = protectTable({
      rows: areas.map((a) => ({ code: a.code, gemeenteCode: a.gemeenteCode, count: component(a.code, t).observed })),
      countField: 'count',
      relations: wijkCountRelations<{ code: string; gemeenteCode: string; count: number }>(),
      k: settings.k,
      minDenominator: settings.minDenominator,
    });
    observedCells.set(t, new Map(rows.map((r) => [r.code, r.count])));
  }

  const entries = areas
    .filter((a) => byWijk.has(a.code))
    .map((area) => {
      const p = byWijk.get(area.code)!;
      let scoreHidden = false;
      const components: Entry['components'] = {};
      for (const t of THEMES) {
        const c = component(area.code, t);
        const observed = observedCells.get(t)?.get(area.code) ?? 0;
        const hide = isSuppressed(observed);
        if (hide && c.contribution !== 0 && (theme === null || theme === t)) scoreHidden = true;
        const guard = (value: number | null): Cell | null => (value === null ? null : hide ? hidden() : value);
        components[t] = {
          observed,
          expected: guard(c.expected),
          smr: guard(c.smr),
          smrLower: guard(c.smrLower),
          smrUpper: guard(c.smrUpper),
          trendRatio: guard(c.trendRatio),
          alarmLevel: c.alarmLevel,
          contribution: guard(c.contribution) ?? 0,
        };
      }
      const raw = theme === null ? p.score : component(area.code, theme).contribution;
      const entry: Entry = {
        code: area.code,
        name: area.name,
        gemeenteName: area.gemeenteName,
        rank: p.rank,
        score: scoreHidden ? hidden() : raw,
        components,
      };
      return { raw, rank: p.rank, entry };
    });

  if (theme !== null) {
    entries.sort((a, b) => b.raw - a.raw || (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0));
    entries.forEach((e, i) => {
      e.entry.rank = i + 1;
    });
  } else {
    entries.sort((a, b) => a.rank - b.rank);
  }
  return entries.map(({ entry }) => entry);
}
