import type { DuckDBConnection } from '@duckdb/node-api';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { REGISTRY_SCHEMA } from './live-schema.ts';

/** Replaces the area registry, the residents per band and the registered partners in the live database. */
export async function writeRegistry(db: DuckDBConnection, registry: AreaRegistry, partners: readonly string[]): Promise<void> {
  await db.run('BEGIN');
  try {
    for (const ddl of REGISTRY_SCHEMA) await db.run(ddl);
    const areaRows = registry.areas.map((a) => ({
      code: a.code,
      name: a.name,
      gemeente_code: a.gemeenteCode,
      gemeente_name: a.gemeenteName,
      year: a.year,
      residents: a.residents,
      geometry: a.geometry ? JSON.stringify(a.geometry) : null,
    }));
    const populationRows = registry.areas.flatMap((a) =>
      Object.entries(a.residentsByBand ?? {}).map(([band, residents]) => ({ code: a.code, year: a.year, band, residents })),
    );
    // One JSON parameter per table: a single round trip instead of one insert per area.
    await db.run(
      `INSERT INTO areas SELECT code, name, gemeente_code, gemeente_name, year, residents, geometry
       FROM (SELECT unnest(from_json($1::JSON, '[{"code":"VARCHAR","name":"VARCHAR","gemeente_code":"VARCHAR","gemeente_name":"VARCHAR","year":"INTEGER","residents":"INTEGER","geometry":"VARCHAR"}]'), recursive := true))`,
      [JSON.stringify(areaRows)],
    );
    await db.run(
      `INSERT INTO population SELECT code, year, band, residents
       FROM (SELECT unnest(from_json($1::JSON, '[{"code":"VARCHAR","year":"INTEGER","band":"VARCHAR","residents":"DOUBLE"}]'), recursive := true))`,
      [JSON.stringify(populationRows)],
    );
    await db.run(`INSERT INTO partners SELECT unnest(from_json($1::JSON, '["VARCHAR"]'))`, [JSON.stringify(partners)]);
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK');
    throw error;
  }
}
