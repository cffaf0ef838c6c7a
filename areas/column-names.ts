import { CBS_BANDS, type CbsBand } from '@wijksignaal/contracts/population';

/** Which column (CSV header or GeoJSON property) holds each field we import; absent when not found. */
export interface ColumnNames {
  code?: string;
  buurtCode?: string;
  name?: string;
  gemeenteCode?: string;
  gemeenteName?: string;
  residents?: string;
  /** Absolute counts per band; only set when all five bands are present. */
  counts?: Record<CbsBand, string>;
  /** Percentages of residents per band; only set when all five bands are present. */
  percentages?: Record<CbsBand, string>;
}

/*
 * Spellings seen in the wild, lower-case: our reshaped tables, the CBS kwb workbook variable codes,
 * the StatLine/OData keys (whose numeric suffix changes every year, so it is stripped before matching)
 * and the PDOK Wijk- en Buurtkaart attributes.
 */
const ALIASES = {
  code: ['wijkcode', 'gwb_code_10', 'gwb_code', 'codering', 'wijkenenbuurten', 'statcode', 'regiocode'],
  buurtCode: ['buurtcode'],
  name: ['wijknaam', 'statnaam', 'regio', 'regionaam', 'naam'],
  gemeenteCode: ['gemeentecode', 'gm_code'],
  gemeenteName: ['gemeentenaam', 'gm_naam'],
  residents: ['inwoners', 'aantal_inwoners', 'a_inw', 'aantalinwoners'],
} as const;

const COUNT_ALIASES: Record<CbsBand, readonly string[]> = {
  '0-14': ['leeftijd_0_15', 'a_00_14', 'k_0tot15jaar'],
  '15-24': ['leeftijd_15_25', 'a_15_24', 'k_15tot25jaar'],
  '25-44': ['leeftijd_25_45', 'a_25_44', 'k_25tot45jaar'],
  '45-64': ['leeftijd_45_65', 'a_45_64', 'k_45tot65jaar'],
  '65+': ['leeftijd_65plus', 'a_65_oo', 'k_65jaarofouder'],
};

const PERCENTAGE_ALIASES: Record<CbsBand, readonly string[]> = {
  '0-14': ['pct_0_15', 'p_00_14', '0_15', 'percentagepersonen0tot15jaar'],
  '15-24': ['pct_15_25', 'p_15_24', '15_25', 'percentagepersonen15tot25jaar'],
  '25-44': ['pct_25_45', 'p_25_44', '25_45', 'percentagepersonen25tot45jaar'],
  '45-64': ['pct_45_65', 'p_45_64', '45_65', 'percentagepersonen45tot65jaar'],
  '65+': ['pct_65plus', 'p_65_oo', '65plus', 'percentagepersonen65jaarenouder'],
};

/** Maps the keys a file actually has onto the fields we import. */
export function resolveColumnNames(keys: Iterable<string>): ColumnNames {
  const exact = new Map<string, string>();
  const stripped = new Map<string, string>();
  for (const key of keys) {
    const lower = key.trim().toLowerCase();
    if (!exact.has(lower)) exact.set(lower, key);
    const bare = lower.replace(/_\d+$/, '');
    if (!stripped.has(bare)) stripped.set(bare, key);
  }
  const find = (aliases: readonly string[]): string | undefined => {
    for (const alias of aliases) {
      const hit = exact.get(alias);
      if (hit !== undefined) return hit;
    }
    for (const alias of aliases) {
      const hit = stripped.get(alias);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const bands = (aliases: Record<CbsBand, readonly string[]>): Record<CbsBand, string> | undefined => {
    const found = {} as Record<CbsBand, string>;
    for (const band of CBS_BANDS) {
      const key = find(aliases[band]);
      if (key === undefined) return undefined;
      found[band] = key;
    }
    return found;
  };
  const names: ColumnNames = {};
  for (const field of Object.keys(ALIASES) as (keyof typeof ALIASES)[]) {
    const key = find(ALIASES[field]);
    if (key !== undefined) names[field] = key;
  }
  const counts = bands(COUNT_ALIASES);
  if (counts) names.counts = counts;
  const percentages = bands(PERCENTAGE_ALIASES);
  if (percentages) names.percentages = percentages;
  return names;
}
