import type { AreaRegistry } from '@wijksignaal/contracts/area';

/**
 * The codes a signal may name, resolved to the wijk and gemeente it is counted under. Wijk codes map
 * to themselves; buurt codes will map to their wijk once the registry carries buurten.
 */
export function areaLookup(registry: AreaRegistry): Map<string, { wijk: string; gemeente: string }> {
  return new Map(registry.areas.map((area) => [area.code, { wijk: area.code, gemeente: area.gemeenteCode }]));
}
