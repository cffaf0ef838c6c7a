import { z } from 'zod';
import { CBS_BANDS } from './population.ts';

/** One wijk in the area registry, with the residents per CBS age band. */
export const areaSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeenteCode: z.string(),
  gemeenteName: z.string(),
  year: z.number().int(),
  /** Total residents; null when CBS publishes none (water, secrecy). */
  residents: z.number().int().nonnegative().nullable(),
  /** Residents per CBS band; null when CBS keeps the age mix secret. */
  residentsByBand: z.record(z.enum(CBS_BANDS), z.number().nonnegative()).nullable(),
  /** GeoJSON Polygon or MultiPolygon in WGS84, [lon, lat]. */
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }).nullable(),
});
export type Area = z.infer<typeof areaSchema>;

/** The loaded registry as the pipeline, simulator and API use it. */
export interface AreaRegistry {
  year: number;
  source: string;
  areas: Area[];
}
