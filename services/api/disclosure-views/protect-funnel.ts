import type { FunnelResponse } from '@wijksignaal/contracts/http';
import { hidden, isSuppressed } from '@wijksignaal/domain/disclosure/index';
import { funnelCurve, pooledTarget } from '@wijksignaal/domain/epi/funnel';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkTable } from './protect-wijk-figures.ts';

const CURVE_POINTS = 60;

/**
 * The funnel plot: the overview's own protected table (same hidden cells), shown as observed against
 * residents and expected, with the 95% and 99.8% limits as curves over the range of denominators. A wijk
 * whose count is hidden has its rate and SMR hidden too, so it is not a point. The centre line is the
 * region's rate; it is hidden when the region's count is hidden (rate × residents would give it), or when
 * it would add up a different set of wijken than the published region count does.
 */
export function protectFunnel(
  figures: readonly WijkFigures[],
  settings: DisclosureSettings,
): Pick<FunnelResponse, 'targetPer1000' | 'areas' | 'rateLimits' | 'smrLimits'> {
  const table = protectWijkTable(figures, settings);
  const rows = table.rows;
  const areas = rows.map((row) => ({
    code: row.code,
    name: row.name,
    gemeenteName: row.gemeenteName,
    observed: row.count,
    residents: row.residents,
    ratePer1000: row.ratePer1000,
    expected: row.smr === null ? null : isSuppressed(row.smr) ? row.smr : row.smr.expected,
    smr: row.smr === null ? null : isSuppressed(row.smr) ? row.smr : row.smr.value,
  }));

  const withResidents = figures.filter((f) => f.exactResidents !== null && f.exactResidents > 0);
  const events = withResidents.reduce((sum, f) => sum + f.count, 0);
  // The centre line times the residents gives the count of the wijken with a population: the region's
  // count minus the wijken without one. Only published when both of those are published, or it would be
  // one more total to subtract from.
  const regionHidden = isSuppressed(table.totals.region?.[0]?.count ?? 0);
  const unknownPopulationHidden = rows.some(
    (row, i) => !(figures[i]!.exactResidents !== null && figures[i]!.exactResidents! > 0) && isSuppressed(row.count),
  );
  const smallRegion = (events >= 1 && events < settings.k) || regionHidden || unknownPopulationHidden;
  let targetPer1000: FunnelResponse['targetPer1000'] = null;
  let rateLimits: FunnelResponse['rateLimits'] = [];
  if (withResidents.length > 0) {
    const target = pooledTarget(withResidents.map((f) => ({ events: f.count, denominator: f.exactResidents ?? 0 })));
    if (smallRegion) targetPer1000 = hidden();
    else {
      targetPer1000 = target * 1000;
      const residents = withResidents.map((f) => f.exactResidents ?? 0);
      const min = Math.max(1, Math.min(...residents));
      rateLimits = funnelCurve(target, { min, max: Math.max(min, ...residents), points: CURVE_POINTS }, { multiplier: 1000 });
    }
  }
  const expected = figures.map((f) => f.smr?.expected ?? 0).filter((e) => e > 0);
  const smrLimits =
    expected.length === 0 || smallRegion
      ? []
      : funnelCurve(1, { min: Math.min(...expected), max: Math.max(...expected), points: CURVE_POINTS });
  return { targetPer1000, areas, rateLimits, smrLimits };
}
