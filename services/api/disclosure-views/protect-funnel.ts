import type { FunnelResponse } from '@wijksignaal/contracts/http';
import { isSuppressed } from '@wijksignaal/domain/disclosure/index';
import { funnelCurve, pooledTarget } from '@wijksignaal/domain/epi/funnel';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

const CURVE_POINTS = 60;

/**
 * The funnel plot: the overview's own wijk cells (protect-wijk-figures.ts, so the same numbers and the
 * same withheld cells), shown as observed against residents and expected, with the 95% and 99.8% limits
 * as curves over the range of denominators. A withheld wijk has no rate, SMR or expected value, so it is no
 * point. The centre line is the region's published count of the period over the residents of its wijken
 * (one published cell, as close to the truth as any count shown; null when even that is withheld).
 */
export function protectFunnel(
  figures: readonly WijkFigures[],
  settings: DisclosureSettings,
  regionCount: number | null,
): Pick<FunnelResponse, 'targetPer1000' | 'areas' | 'rateLimits' | 'smrLimits'> {
  const areas = protectWijkFigures(figures, settings).map((row) => ({
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
  let targetPer1000: FunnelResponse['targetPer1000'] = null;
  let rateLimits: FunnelResponse['rateLimits'] = [];
  if (withResidents.length > 0 && regionCount !== null) {
    const target = pooledTarget([
      { events: regionCount, denominator: withResidents.reduce((s, f) => s + (f.exactResidents ?? 0), 0) },
    ]);
    targetPer1000 = target * 1000;
    const residents = withResidents.map((f) => f.exactResidents ?? 0);
    const min = Math.max(1, Math.min(...residents));
    rateLimits = funnelCurve(target, { min, max: Math.max(min, ...residents), points: CURVE_POINTS }, { multiplier: 1000 });
  }
  const expected = figures.map((f) => f.smr?.expected ?? 0).filter((e) => e > 0);
  const smrLimits =
    expected.length === 0 ? [] : funnelCurve(1, { min: Math.min(...expected), max: Math.max(...expected), points: CURVE_POINTS });
  return { targetPer1000, areas, rateLimits, smrLimits };
}
