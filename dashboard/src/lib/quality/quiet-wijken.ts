import type { AffectedWijkEntry } from '@wijksignaal/contracts/data-quality';

/** Per wijk code, the quiet partner streams that usually cover it (the mark the overview and priorities show). */
export type QuietWijken = ReadonlyMap<string, readonly AffectedWijkEntry[]>;

/** Groups the affected wijken of `GET /data-quality-alarms` by code, each wijk's streams by partner. */
export function quietWijken(entries: readonly AffectedWijkEntry[]): QuietWijken {
  const byCode = new Map<string, AffectedWijkEntry[]>();
  for (const entry of entries) byCode.set(entry.code, [...(byCode.get(entry.code) ?? []), entry]);
  for (const list of byCode.values())
    list.sort((a, b) => a.partner.localeCompare(b.partner) || a.sourceKind.localeCompare(b.sourceKind));
  return byCode;
}
