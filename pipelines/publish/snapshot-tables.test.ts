import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_TABLES } from '@wijksignaal/contracts/snapshot';

describe('the snapshot tables of the contract', () => {
  it('each create in DuckDB under their own name (a reserved word as a column name fails every snapshot)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      for (const ddl of Object.values(SNAPSHOT_TABLES)) await conn.run(ddl);
      const tables = (await conn.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY table_name')).getRowsJS().flat();
      expect(tables).toEqual(Object.keys(SNAPSHOT_TABLES).sort());
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
