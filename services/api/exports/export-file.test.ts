import { readFile, stat } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { writeExportFile, type ExportTable } from './export-file.ts';

const table: ExportTable = {
  columns: [
    { name: 'wijk_code', type: 'VARCHAR' },
    { name: 'week_start', type: 'DATE' },
    { name: 'count', type: 'BIGINT' },
    { name: 'count_suppressed', type: 'BOOLEAN' },
    { name: 'rate', type: 'DOUBLE' },
  ],
  rows: [
    ['WK000101', '2025-01-06', 12, false, 1.5],
    ['WK000102', '2025-01-13', null, true, null],
  ],
  metadata: { snapshot_sequence: '3', note: "counts 1..4 withheld, it's on purpose" },
};

async function query(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowsJS();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('writeExportFile', () => {
  it('writes CSV with a header row and empty fields for nulls', async () => {
    const file = await writeExportFile(table, 'csv');
    expect(await readFile(file.path, 'utf8')).toBe(
      'wijk_code,week_start,count,count_suppressed,rate\nWK000101,2025-01-06,12,false,1.5\nWK000102,2025-01-13,,true,\n',
    );
    await file.remove();
    await expect(stat(file.path)).rejects.toThrow(/ENOENT/);
  });

  it('writes Parquet with typed columns and the metadata as key-value pairs', async () => {
    const file = await writeExportFile(table, 'parquet');
    const rows = await query(
      `SELECT wijk_code, CAST(week_start AS VARCHAR), count, count_suppressed, rate FROM read_parquet('${file.path}')`,
    );
    expect(rows).toEqual([
      ['WK000101', '2025-01-06', 12n, false, 1.5],
      ['WK000102', '2025-01-13', null, true, null],
    ]);
    const kv = await query(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('${file.path}') ORDER BY 1`);
    expect(kv).toEqual([
      ['note', "counts 1..4 withheld, it's on purpose"],
      ['snapshot_sequence', '3'],
    ]);
    await file.remove();
  });

  it('refuses column names that are not snake_case', async () => {
    await expect(writeExportFile({ ...table, columns: [{ name: 'Count; DROP', type: 'BIGINT' }] }, 'csv')).rejects.toThrow(
      /snake_case/,
    );
  });
});
