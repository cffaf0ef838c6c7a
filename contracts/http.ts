import { z } from 'zod';
import { THEMES } from './signal.ts';
import { cellSchema, suppressedSchema } from './suppressed-cell.ts';
import { alarmTriageState } from './alarm-triage-http.ts';

/** Response shapes of the public API (`/api/v1`). The dashboard's typed client uses these types. */
export const isoWeekParam = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2025-W07');

export const healthResponse = z.object({ status: z.literal('ok') });

export const readyResponse = z.object({
  status: z.literal('ready'),
  snapshot: z.object({ sequence: z.number().int(), createdAt: z.string(), ageSeconds: z.number() }),
});

export const areaSummary = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteCode: z.string(),
  gemeenteName: z.string(),
  residents: z.number().nullable(),
});
export const areasResponse = z.object({ year: z.number().int().nullable(), areas: z.array(areaSummary) });

export const alarmLevelSchema = z.enum(['none', 'amber', 'red']);
export type AlarmLevelValue = z.infer<typeof alarmLevelSchema>;

/**
 * The period of the fixed grid a response shows (domain/published/period-grid.ts): an ISO week, a 4-week
 * period, a quarter or an ISO year. `label` is `2025-W07`, `2025-P03`, `2025-Q1` or `2025`.
 */
export const periodKindSchema = z.enum(['week', 'fourWeeks', 'quarter', 'year']);
export const gridPeriodSchema = z.object({ kind: periodKindSchema, label: z.string(), from: z.string(), to: z.string() });
export type GridPeriodValue = z.infer<typeof gridPeriodSchema>;

/** A figure with its 95% interval, or hidden as a whole (`x`) when it would give a small count away. */
export const rateInterval = z.object({ value: z.number(), lower: z.number(), upper: z.number() });
export const smrInterval = rateInterval.extend({ expected: z.number() });

/**
 * One wijk of the overview as the dashboard shows it (decoded from the columns by `overview-columns.ts`):
 * the published (perturbed) count, withheld below k as `{ suppressed: true, display: '<k' }`; rate per
 * 1,000 with its interval (exact Poisson below 10 events, Byar from 10; null without residents); the SMR
 * against the whole region with its interval (null without an age mix); the worst alarm level of the
 * `alarmWeeks`; the place in the stored priority list (null when the pipeline has not ranked it).
 */
export const overviewArea = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  count: cellSchema,
  residents: z.number().nullable(),
  ratePer1000: cellSchema.nullable(),
  rate: z.union([rateInterval, suppressedSchema]).nullable(),
  smr: z.union([smrInterval, suppressedSchema]).nullable(),
  alarmLevel: alarmLevelSchema,
  priority: z.object({ rank: z.number().int(), score: cellSchema }).nullable(),
});
export type OverviewArea = z.infer<typeof overviewArea>;

/** A cell in a column: the published number, or the `display` of a withheld or hidden one (`<k`, `x`). */
const columnCell = z.union([z.number(), z.string()]);

/**
 * The overview's wijken as columns, one entry per wijk in the order of `code`: each key once instead of
 * once per wijk, and no names (the dashboard has them from `/areas`). Rates carry one decimal and ratios
 * two, the precision the dashboard shows; the export (`/exports/overview`) has them unrounded.
 */
export const overviewColumns = z.object({
  code: z.array(z.string()),
  /** The published count; a string is the display of a withheld one (`<k`). */
  count: z.array(columnCell),
  /** Residents of the theme's age bands; null when unknown. */
  residents: z.array(z.number().nullable()),
  /** Rate per 1,000 (one decimal); `x` when hidden, null without residents. */
  rate: z.array(columnCell.nullable()),
  /** Its 95% interval; null where `rate` is not a number. */
  rateLower: z.array(z.number().nullable()),
  rateUpper: z.array(z.number().nullable()),
  /** SMR against the whole region (two decimals); `x` when hidden, null without an age mix. */
  smr: z.array(columnCell.nullable()),
  /** Its 95% interval and expected count; null where `smr` is not a number. */
  smrLower: z.array(z.number().nullable()),
  smrUpper: z.array(z.number().nullable()),
  smrExpected: z.array(z.number().nullable()),
  /** Index into the response's `alarmLevels`. */
  alarmLevel: z.array(z.number().int()),
  /** The wijk's place in the stored priority list (all themes) and its score; null when not ranked. */
  priorityRank: z.array(z.number().int().nullable()),
  priorityScore: z.array(columnCell.nullable()),
});
export type OverviewColumns = z.infer<typeof overviewColumns>;

export const overviewResponse = z.object({
  theme: z.enum(THEMES),
  from: z.string(),
  to: z.string(),
  /** The grid period `from`..`to` is. */
  period: gridPeriodSchema,
  populationLabel: z.string(),
  /** The disclosure threshold of the snapshot's published counts: counts below k are withheld. */
  k: z.number().int(),
  /** How signals without a known age enter the SMR. */
  smrUnknownAge: z.string(),
  /** The weeks `alarmLevel` is taken from. */
  alarmWeeks: z.object({ from: z.string(), to: z.string() }),
  /** The levels `areas.alarmLevel` indexes. */
  alarmLevels: z.array(alarmLevelSchema),
  areas: overviewColumns,
});

export const seriesWeek = z.object({
  week: z.string(),
  count: cellSchema,
  partial: z.boolean(),
  /** Expected count and alarm threshold of the method shown; null when no method evaluated the week. */
  expected: cellSchema.nullable(),
  threshold: cellSchema.nullable(),
  alarm: z.boolean(),
  level: alarmLevelSchema,
  method: z.string().nullable(),
});
export const seriesResponse = z.object({
  code: z.string(),
  name: z.string(),
  theme: z.enum(THEMES),
  weeks: z.array(seriesWeek),
});

export const alarmEntry = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  theme: z.enum(THEMES),
  week: z.string(),
  level: alarmLevelSchema,
  method: z.string(),
  observed: cellSchema,
  expected: cellSchema.nullable(),
  threshold: cellSchema.nullable(),
  /** The episode this week belongs to (`alarm-event.ts`), which triage marks name. */
  alarmId: z.string(),
  /** Its newest triage mark (`alarm-triage-http.ts`), or null. */
  triage: alarmTriageState.nullable(),
});
export const alarmsResponse = z.object({
  theme: z.enum(THEMES).nullable(),
  from: z.string(),
  to: z.string(),
  level: z.enum(['amber', 'red']),
  k: z.number().int(),
  alarms: z.array(alarmEntry),
});

export const priorityComponent = z.object({
  observed: cellSchema,
  expected: cellSchema.nullable(),
  smr: cellSchema.nullable(),
  smrLower: cellSchema.nullable(),
  smrUpper: cellSchema.nullable(),
  trendRatio: cellSchema.nullable(),
  alarmLevel: alarmLevelSchema,
  /** The unweighted parts of the contribution (level, trend, alarms); hidden with a withheld count. */
  parts: z.object({ level: cellSchema, trend: cellSchema, alarms: cellSchema }),
  contribution: cellSchema,
});
export const priorityEntry = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  rank: z.number().int(),
  score: cellSchema,
  components: z.record(z.string(), priorityComponent),
});
export const prioritiesResponse = z.object({
  theme: z.enum(THEMES).nullable(),
  weights: z.object({ smr: z.number(), trend: z.number(), alarms: z.number() }),
  /** False: the pipeline's stored ranking; true: re-scored with the weights asked for. */
  reweighted: z.boolean(),
  /** The weeks the SMR and observed counts cover: the latest complete quarter. */
  from: z.string(),
  to: z.string(),
  period: gridPeriodSchema,
  k: z.number().int(),
  priorities: z.array(priorityEntry),
});

export const funnelLimitSchema = z.object({ level: z.number(), lower: z.number(), upper: z.number() });
export const funnelPointSchema = z.object({ denominator: z.number(), limits: z.array(funnelLimitSchema) });
export const funnelArea = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  observed: cellSchema,
  residents: z.number().nullable(),
  ratePer1000: cellSchema.nullable(),
  expected: cellSchema.nullable(),
  smr: cellSchema.nullable(),
});
export const funnelResponse = z.object({
  theme: z.enum(THEMES),
  from: z.string(),
  to: z.string(),
  period: gridPeriodSchema,
  k: z.number().int(),
  /** The region's rate per 1,000 (the funnel's centre line), from the published counts of the wijken. */
  targetPer1000: cellSchema.nullable(),
  areas: z.array(funnelArea),
  /** 95% and 99.8% limits of the rate per 1,000 over residents. */
  rateLimits: z.array(funnelPointSchema),
  /** 95% and 99.8% limits of the SMR over the expected count (centre line 1). */
  smrLimits: z.array(funnelPointSchema),
});

/** One value of a breakdown dimension (a category, a source kind, an age band) with its period count. */
export const profileBreakdownRow = z.object({ key: z.string(), count: cellSchema });
/** The wijk, its gemeente and the whole region over the same theme and period, as rate per 1,000. */
export const profileComparisonRow = z.object({
  level: z.enum(['wijk', 'gemeente', 'region']),
  /** Null for the region (it is every wijk in the area registry). */
  code: z.string().nullable(),
  name: z.string().nullable(),
  count: cellSchema,
  residents: z.number().nullable(),
  /** Null when a wijk of the group has no known population for the theme (a partial sum would mislead). */
  rate: z.union([rateInterval, suppressedSchema]).nullable(),
});
export const profileResponse = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteCode: z.string(),
  gemeenteName: z.string(),
  theme: z.enum(THEMES),
  from: z.string(),
  to: z.string(),
  period: gridPeriodSchema,
  k: z.number().int(),
  populationLabel: z.string(),
  /** Residents from the area registry (CBS), whole people; not signal counts, so not protected. */
  population: z.object({
    year: z.number().int(),
    residents: z.number().nullable(),
    bands: z.array(z.object({ band: z.string(), residents: z.number() })),
  }),
  /** The wijk's published cells of the period split three ways; each cell is perturbed on its own. */
  breakdowns: z.object({
    category: z.array(profileBreakdownRow),
    source: z.array(profileBreakdownRow),
    ageBand: z.array(profileBreakdownRow),
  }),
  comparison: z.array(profileComparisonRow),
});

export const ingestPartnerStatus = z.object({
  partner: z.string(),
  accepted: z.number(),
  rejected: z.record(z.string(), z.number()),
  lastSeen: z.string().nullable(),
});
export const ingestStatusResponse = z.object({
  partners: z.array(ingestPartnerStatus),
  consumerLag: z.number().nullable(),
  snapshotSequence: z.number().int(),
});

export type HealthResponse = z.infer<typeof healthResponse>;
export type ReadyResponse = z.infer<typeof readyResponse>;
export type AreasResponse = z.infer<typeof areasResponse>;
export type OverviewResponse = z.infer<typeof overviewResponse>;
export type SeriesResponse = z.infer<typeof seriesResponse>;
export type IngestStatusResponse = z.infer<typeof ingestStatusResponse>;
export type AlarmsResponse = z.infer<typeof alarmsResponse>;
export type PrioritiesResponse = z.infer<typeof prioritiesResponse>;
export type FunnelResponse = z.infer<typeof funnelResponse>;
export type ProfileResponse = z.infer<typeof profileResponse>;

/** RFC 9457 problem details. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

/** `GET /api/v1/areas/geometry`: the wijk map as a GeoJSON FeatureCollection (WGS84, [lon, lat]). */
export const areaGeometryResponse = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string(), gemeenteName: z.string() }),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }),
    }),
  ),
});
export type AreaGeometryResponse = z.infer<typeof areaGeometryResponse>;
