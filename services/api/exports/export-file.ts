import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';

export type ExportFormat = 'csv' | 'parquet';
export const EXPORT_FORMATS = ['csv', 'parquet'] as const satisfies readonly ExportFormat[];

export type ColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE';
export type ExportValue = string | number | boolean | null;

export interface ExportColumn {
  name: string;
  type: ColumnType;
}

export interface ExportTable {
  columns: readonly ExportColumn[];
  /** Rows already through disclosure control: nothing here may be a count the API would withhold. */
  rows: readonly (readonly ExportValue[])[];
  /** Written as Parquet key-value metadata (the CSV carries it as `#` lines instead, see export-response.ts). */
  metadata: Readonly<Record<string, string>>;
}

export interface ExportFile {
  path: string;
  /** Deletes the file and its folder; safe to call more than once. */
  remove(): Promise<void>;
}

const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Writes the protected rows to a temporary CSV or Parquet file with DuckDB's COPY: an in-memory database
 * holds only the rows handed in (never the snapshot), so the file cannot contain anything else.
 */
export async function writeExportFile(table: ExportTable, format: ExportFormat): Promise<ExportFile> {
  for (const column of table.columns) {
    if (!COLUMN_NAME.test(column.name)) throw new Error(`export column "${column.name}" is not snake_case`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'wijksignaal-export-'));
  const path = join(dir, `export.${format}`);
  const remove = () => rm(dir, { recursive: true, force: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const conn = await instance.connect();
    try {
      await conn.run(`CREATE TABLE export (${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
      const appender = await conn.createAppender('export');
      for (const row of table.rows) {
        table.columns.forEach((column, i) => append(appender, column.type, row[i] ?? null));
        appender.endRow();
      }
      appender.closeSync();
      const options =
        format === 'csv'
          ? `FORMAT csv, HEADER true`
          : `FORMAT parquet, COMPRESSION zstd, KV_METADATA {${Object.entries(table.metadata)
              .map(([key, value]) => `${sqlString(key)}: ${sqlString(value)}`)
              .join(', ')}}`;
      await conn.run(`COPY export TO ${sqlString(path)} (${options})`);
    } finally {
      conn.closeSync();
    }
  } catch (error) {
    await remove();
    throw error;
  } finally {
    instance.closeSync();
  }
  return { path, remove };
}

function append(appender: DuckDBAppender, type: ColumnType, value: ExportValue): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'BIGINT':
      return appender.appendBigInt(BigInt(value as number));
    case 'DOUBLE':
      return appender.appendDouble(value as number);
    case 'BOOLEAN':
      return appender.appendBoolean(value as boolean);
    default:
      // DATE too: the appender casts an ISO date string to the column's type.
      return appender.appendVarchar(String(value));
  }
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
