import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The wijk map as a serialised GeoJSON FeatureCollection. The geometry is stored as GeoJSON text, so it is
 * spliced into the response as-is instead of being parsed and re-serialised (the national map is ~4 MB);
 * rows whose geometry is missing, not JSON, or not a (Multi)Polygon are left out rather than breaking the map.
 */
export async function areaGeometry(conn: DuckDBConnection): Promise<string> {
  const reader = await conn.runAndReadAll(
    `SELECT code, name, gemeente_name, geometry
     FROM areas
     WHERE geometry IS NOT NULL AND json_valid(geometry)
       AND json_extract_string(geometry, '$.type') IN ('Polygon', 'MultiPolygon')
     ORDER BY code`,
  );
  const features = reader.getRowsJS().map(([code, name, gemeenteName, geometry]) => {
    const properties = JSON.stringify({ code: String(code), name: String(name), gemeenteName: String(gemeenteName) });
    return `{"type":"Feature","properties":${properties},"geometry":${String(geometry)}}`;
  });
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}
