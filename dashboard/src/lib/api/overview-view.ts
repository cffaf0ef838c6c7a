import type { AreasResponse, OverviewArea, OverviewResponse } from '@wijksignaal/contracts/http';
import { overviewRows, withNames } from '@wijksignaal/contracts/overview-columns';

/** The overview as the page shows it: the response with each wijk a row again, with its names. */
export type OverviewView = Omit<OverviewResponse, 'areas' | 'alarmLevels'> & { areas: OverviewArea[] };

/** Decodes the overview's columns (contracts/overview-columns.ts) and names each wijk from `/areas`. */
export function overviewView(body: OverviewResponse, areas: AreasResponse['areas']): OverviewView {
  const { areas: _columns, alarmLevels: _levels, ...rest } = body;
  return { ...rest, areas: withNames(overviewRows(body), areas) };
}

/**
 * The area list the overview's names come from, fetched once per page load and shared by every overview
 * answer (names change with the CBS year, not with a snapshot). Asked again when an answer has a code it
 * does not know, and after a failure.
 */
export function areaNamesOnce(load: () => Promise<AreasResponse>) {
  let known: Promise<AreasResponse> | null = null;
  return async (codes: readonly string[]): Promise<AreasResponse['areas']> => {
    known ??= load();
    let list: AreasResponse;
    try {
      list = await known;
    } catch (error) {
      known = null;
      throw error;
    }
    const listed = new Set(list.areas.map((a) => a.code));
    if (codes.every((code) => listed.has(code))) return list.areas;
    known = load();
    return (await known).areas;
  };
}
