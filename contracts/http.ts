import { z } from 'zod';
import { THEMES } from './signal.ts';

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

export const overviewArea = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  count: z.number(),
  residents: z.number().nullable(),
  ratePer1000: z.number().nullable(),
});
export const overviewResponse = z.object({
  theme: z.enum(THEMES),
  from: z.string(),
  to: z.string(),
  populationLabel: z.string(),
  areas: z.array(overviewArea),
});

export const seriesResponse = z.object({
  code: z.string(),
  name: z.string(),
  theme: z.enum(THEMES),
  weeks: z.array(z.object({ week: z.string(), count: z.number(), partial: z.boolean() })),
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
