import type { Area, AreaRegistry } from '@wijksignaal/contracts/area';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { CBS_BANDS, CBS_BAND_OF, type CbsBand } from '@wijksignaal/contracts/population';
import {
  AGE_BANDS,
  type AgeBand,
  type Category,
  type Severity,
  type SignalInput,
  type SourceKind,
  type Theme,
} from '@wijksignaal/contracts/signal';
import { DEMO_PARTNERS, type DemoPartner } from './demo-partners.ts';
import { activeOutbreaks, type OutbreakOptions } from './outbreaks.ts';
import { createRng, negativeBinomial, weightedIndex, type Rng } from './prng.ts';
import { signalId } from './signal-id.ts';
import { NATIONAL_BAND_SHARE, SEVERITY_ORDER, SIGNAL_STREAMS, type SignalStream } from './rates.ts';
import { areaEffect, seasonFactor, trendFactor, weekInfo } from './seasonality.ts';

export interface GenerateWeekOptions {
  seed: number | string;
  /** Partners that send; a stream runs only when a partner of its source kind is present. Default: DEMO_PARTNERS. */
  partners?: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[];
  /** Share of school-register cells sent as one weekly count instead of one message per pupil (default 0.5). */
  preAggregateShare?: number;
  /** Multiplies every rate: load generation on a small registry. Default 1. */
  rateScale?: number;
  outbreaks?: OutbreakOptions;
}

const WEEKS_PER_YEAR = 365.2425 / 7;
const MAX_COUNT = 10_000;

/**
 * One ISO week of partner signals for every populated wijk of the registry. Pure and deterministic:
 * each wijk-week draws from its own generator (seed, week, wijk), so a week comes out the same whether
 * it is generated alone, in a backfill, or after a restart.
 */
export function generateWeek(registry: AreaRegistry, week: IsoWeek, opts: GenerateWeekOptions): SignalInput[] {
  const partnerOf = partnerBySourceKind(opts.partners ?? DEMO_PARTNERS);
  const streams = SIGNAL_STREAMS.filter((s) => partnerOf.has(s.sourceKind));
  const outbreak = new Map<string, number>();
  for (const o of activeOutbreaks(registry, opts.seed, week, opts.outbreaks)) {
    const key = `${o.area}|${o.theme}`;
    outbreak.set(key, Math.max(outbreak.get(key) ?? 1, o.multiplier));
  }
  const trend = new Map<Theme, number>();
  const parsedWeek = weekInfo(week);
  const out: SignalInput[] = [];
  // Plain loops and no closures in here: this runs for every wijk × stream × week of a backfill.
  const bandExpected = new Array<number>(CBS_BANDS.length).fill(0);
  for (const area of registry.areas) {
    const byBand = populationByBand(area);
    if (!byBand) continue;
    const rng = createRng(opts.seed, 'week', week, area.code);
    for (const stream of streams) {
      let themeTrend = trend.get(stream.theme);
      if (themeTrend === undefined) trend.set(stream.theme, (themeTrend = trendFactor(stream.theme, week)));
      let annual = 0;
      for (let b = 0; b < CBS_BANDS.length; b++) {
        const band = CBS_BANDS[b] as CbsBand;
        bandExpected[b] = ((byBand[band] ?? 0) * (stream.per1000ByBand[band] ?? 0)) / 1000;
        annual += bandExpected[b] as number;
      }
      if (annual === 0) continue;
      const mean =
        (annual / WEEKS_PER_YEAR) *
        seasonFactor(stream.season, parsedWeek, area.gemeenteCode) *
        themeTrend *
        areaEffect(opts.seed, area.code, stream.theme) *
        (outbreak.get(`${area.code}|${stream.theme}`) ?? 1) *
        (opts.rateScale ?? 1);
      const n = negativeBinomial(rng, mean, stream.dispersion);
      if (n === 0) continue;
      const partner = partnerOf.get(stream.sourceKind) as string;
      const cells = drawSignals(rng, stream, bandExpected, n);
      const aggregate = stream.preAggregated && rng.next() < (opts.preAggregateShare ?? 0.5);
      for (const cell of aggregate ? aggregateCells(cells) : cells) {
        const signal: SignalInput = {
          id: signalId(rng),
          partner,
          sourceKind: stream.sourceKind,
          theme: stream.theme,
          area: area.code,
          areaYear: area.year,
          week,
          category: cell.category,
          ageBand: cell.ageBand,
          severity: cell.severity,
        } as SignalInput;
        if (aggregate) signal.count = cell.count;
        out.push(signal);
      }
    }
  }
  return out;
}

interface Cell {
  category: Category;
  ageBand: AgeBand;
  severity: Severity;
  count: number;
}

function drawSignals(rng: Rng, stream: SignalStream, bandExpected: number[], n: number): Cell[] {
  const categoryWeights = stream.categories.map(([, w]) => w);
  const cells: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const category = stream.categories[weightedIndex(rng, categoryWeights)]?.[0] as Category;
    let ageBand: AgeBand = 'unknown';
    if (rng.next() >= stream.unknownAgeShare) {
      const band = CBS_BANDS[weightedIndex(rng, bandExpected)] as CbsBand;
      const fine = fineBandsOf(stream, band);
      if (fine.bands.length > 0) ageBand = fine.bands[weightedIndex(rng, fine.weights)] as AgeBand;
    }
    const severity = SEVERITY_ORDER[weightedIndex(rng, stream.severity)] as Severity;
    cells.push({ category, ageBand, severity, count: 1 });
  }
  return cells;
}

/** A register's weekly export: one count per category × age band × severity (capped by the contract). */
function aggregateCells(cells: Cell[]): Cell[] {
  const byKey = new Map<string, Cell>();
  const out: Cell[] = [];
  for (const c of cells) {
    const key = `${c.category}|${c.ageBand}|${c.severity}`;
    const current = byKey.get(key);
    if (current && current.count < MAX_COUNT) {
      current.count++;
    } else {
      const fresh = { ...c, count: 1 };
      byKey.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

const fineCache = new WeakMap<SignalStream, Map<CbsBand, { bands: AgeBand[]; weights: number[] }>>();

function fineBandsOf(stream: SignalStream, band: CbsBand): { bands: AgeBand[]; weights: number[] } {
  let perBand = fineCache.get(stream);
  if (!perBand) {
    perBand = new Map();
    for (const b of CBS_BANDS) {
      const bands = AGE_BANDS.filter((a) => CBS_BAND_OF[a] === b && (stream.fineAgeWeights[a] ?? 0) > 0);
      perBand.set(b, { bands, weights: bands.map((a) => stream.fineAgeWeights[a] ?? 0) });
    }
    fineCache.set(stream, perBand);
  }
  return perBand.get(band) ?? { bands: [], weights: [] };
}

/** Residents per CBS band; the national mix when CBS keeps a wijk's ages secret; null when unpopulated. */
export function populationByBand(area: Area): Partial<Record<CbsBand, number>> | null {
  if (area.residents === null || area.residents <= 0) return null;
  if (area.residentsByBand) return area.residentsByBand;
  const residents = area.residents;
  return Object.fromEntries(CBS_BANDS.map((b) => [b, residents * NATIONAL_BAND_SHARE[b]]));
}

function partnerBySourceKind(partners: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[]): Map<SourceKind, string> {
  const map = new Map<SourceKind, string>();
  for (const p of partners) if (!map.has(p.sourceKind)) map.set(p.sourceKind, p.id);
  return map;
}
