import { WIJK_CODE_PATTERN } from '@wijksignaal/contracts/signal';
import { resolveColumnNames } from './column-names.ts';
import { decodeTopojson, type DecodedFeature, type PolygonGeometry } from './decode-topojson.ts';
import { importError } from './import-error.ts';
import { populationOf, type Population } from './population-values.ts';

export interface WijkMapFeature extends Population {
  code: string;
  name: string | null;
  gemeenteCode: string;
  gemeenteName: string | null;
  geometry: PolygonGeometry | null;
}

export interface WijkMap {
  format: 'GeoJSON' | 'TopoJSON';
  /** The year the file's metadata states, or null. */
  year: number | null;
  /** Per wijk code. Residents come from the map's own attributes (PDOK carries them) when present. */
  features: Map<string, WijkMapFeature>;
}

/**
 * Reads a wijk map: a GeoJSON FeatureCollection or a TopoJSON Topology, told apart by content.
 * Codes come from `wijkcode` or PDOK's `statcode`; features of other levels are skipped.
 * `file` only names the file in error messages; this function does no I/O.
 */
export function readWijkMap(text: string, file: string): WijkMap {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw importError(file, 'is not JSON; expected a GeoJSON FeatureCollection or a TopoJSON Topology of CBS wijken');
  }
  const root = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  let format: WijkMap['format'];
  let decoded: DecodedFeature[];
  if (root.type === 'FeatureCollection' && Array.isArray(root.features)) {
    format = 'GeoJSON';
    decoded = root.features.map(geojsonFeature);
  } else if (root.type === 'Topology') {
    format = 'TopoJSON';
    try {
      decoded = decodeTopojson(root);
    } catch (error) {
      throw importError(file, `broken TopoJSON: ${(error as Error).message}`);
    }
  } else {
    throw importError(
      file,
      `is JSON but neither a GeoJSON FeatureCollection nor a TopoJSON Topology (type ${JSON.stringify(root.type ?? null)})`,
    );
  }
  checkWgs84(decoded, file);
  const keys = new Set<string>();
  for (const feature of decoded) for (const key of Object.keys(feature.properties)) keys.add(key);
  const columns = resolveColumnNames(keys);
  if (columns.code === undefined) {
    throw importError(
      file,
      'features have no wijk code property (expected wijkcode or statcode); give a wijk map, not a gemeente map',
    );
  }
  const features = new Map<string, WijkMapFeature>();
  for (const { properties, geometry } of decoded) {
    const code = String(properties[columns.code] ?? '')
      .trim()
      .toUpperCase();
    if (!WIJK_CODE_PATTERN.test(code)) continue;
    if (features.has(code)) throw importError(file, `wijk ${code} appears in two features`);
    const text = (key: string | undefined): string | null => {
      const value = key === undefined ? undefined : properties[key];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    };
    let population: Population;
    try {
      population = populationOf((key) => properties[key], columns, false);
    } catch (error) {
      throw importError(file, `wijk ${code}, ${(error as Error).message}`);
    }
    features.set(code, {
      code,
      name: text(columns.name),
      gemeenteCode: text(columns.gemeenteCode)?.toUpperCase() ?? `GM${code.slice(2, 6)}`,
      gemeenteName: text(columns.gemeenteName),
      geometry,
      ...population,
    });
  }
  if (features.size === 0) {
    throw importError(
      file,
      `no wijk features (codes like WK034401 in property ${columns.code}); is this a buurt or gemeente map?`,
    );
  }
  return { format, year: metadataYear(root), features };
}

function geojsonFeature(raw: unknown): DecodedFeature {
  const feature = (raw ?? {}) as { properties?: unknown; geometry?: unknown };
  const properties = (feature.properties ?? {}) as Record<string, unknown>;
  const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  const polygonal =
    geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && Array.isArray(geometry.coordinates);
  return { properties, geometry: polygonal ? (geometry as PolygonGeometry) : null };
}

function metadataYear(root: Record<string, unknown>): number | null {
  const metadata = root.metadata as Record<string, unknown> | undefined;
  const year = Number(metadata?.year ?? metadata?.jaar);
  return Number.isInteger(year) && year >= 1900 && year <= 2100 ? year : null;
}

/** A map still in RD New (metres) would draw as a speck off Africa; say so instead. */
function checkWgs84(features: DecodedFeature[], file: string): void {
  for (const { geometry } of features) {
    if (!geometry) continue;
    let first: unknown = geometry.coordinates;
    while (Array.isArray(first) && Array.isArray(first[0])) first = first[0];
    if (!Array.isArray(first)) continue;
    const [lon, lat] = first as number[];
    if (Math.abs(lon ?? 0) > 180 || Math.abs(lat ?? 0) > 90) {
      throw importError(
        file,
        'coordinates are not WGS84 longitude/latitude (RD New?); convert with: ogr2ogr -t_srs EPSG:4326 out.geojson in.gpkg',
      );
    }
    return;
  }
}
