import type { PrioritiesResponse } from '@wijksignaal/contracts/http';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import type { ThemeComponent, WijkPriority } from '@wijksignaal/domain/priority/priority-score';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount } from './shown-count.ts';

export interface PriorityArea {
  code: string;
  name: string;
  gemeenteName: string;
}

type Entry = PrioritiesResponse['priorities'][number];

// A theme the stored ranking has no component for: nothing published, so nothing shown.
const EMPTY: ThemeComponent = {
  observed: null,
  smr: null,
  smrLower: null,
  smrUpper: null,
  expected: null,
  trendRatio: null,
  alarmLevel: 'none',
  parts: { level: 0, trend: 0, alarms: 0 },
  contribution: 0,
};

/**
 * The priority list. Each theme's `observed` is the wijk's published cell of the SMR quarter (`<k` when
 * withheld), as the pipeline scored it; the overview of that quarter shows the same cell. Everything else
 * — SMR, trend, parts, contribution, score, rank — the pipeline computed from published cells only (a
 * withheld cell as k − 1, and no SMR for a withheld quarter), so it says nothing the published cells do
 * not and is shown as it is: hiding a score would only make the rank order bound it. With `theme`, the
 * score is that theme's contribution and the list is ranked by it.
 */
export function protectPriorities(
  priorities: readonly WijkPriority[],
  areas: readonly PriorityArea[],
  theme: Theme | null,
  settings: DisclosureSettings,
): Entry[] {
  const byWijk = new Map(priorities.map((p) => [p.wijk, p]));
  const component = (code: string, t: Theme): ThemeComponent => byWijk.get(code)?.components[t] ?? EMPTY;

  const entries = areas
    .filter((a) => byWijk.has(a.code))
    .map((area) => {
      const p = byWijk.get(area.code)!;
      const components: Entry['components'] = {};
      for (const t of THEMES) {
        const c = component(area.code, t);
        components[t] = {
          observed: shownCount(c.observed, settings.k),
          expected: c.expected,
          smr: c.smr,
          smrLower: c.smrLower,
          smrUpper: c.smrUpper,
          trendRatio: c.trendRatio,
          alarmLevel: c.alarmLevel,
          parts: c.parts,
          contribution: c.contribution,
        };
      }
      const raw = theme === null ? p.score : component(area.code, theme).contribution;
      const entry: Entry = {
        code: area.code,
        name: area.name,
        gemeenteName: area.gemeenteName,
        rank: p.rank,
        score: raw,
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
