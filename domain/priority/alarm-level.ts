/**
 * The three alarm levels a detection method gives a week, and how they order. The pipeline writes them
 * into the `alarms` table; the API and the dashboard take the worst level of a week over its methods
 * (the week's verdict) and sort by it, so both processes order levels the same way.
 */

export type AlarmLevel = 'red' | 'amber' | 'none';

const SEVERITY: Record<AlarmLevel, number> = { none: 0, amber: 1, red: 2 };

/** The verdict of a week over all methods: the worst level any of them gave (what the API shows). */
export function worstLevel(levels: Iterable<AlarmLevel>): AlarmLevel {
  let worst: AlarmLevel = 'none';
  for (const level of levels) if (SEVERITY[level] > SEVERITY[worst]) worst = level;
  return worst;
}

/** 0 for none, 1 for amber, 2 for red: for sorting and `at least amber` filters. */
export function levelSeverity(level: AlarmLevel): number {
  return SEVERITY[level];
}
