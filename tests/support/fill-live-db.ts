import { createHash } from 'node:crypto';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { CATEGORIES_BY_THEME, type Theme } from '@wijksignaal/contracts/signal';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { cellKey } from '@wijksignaal/pipelines/aggregate/cell-key';
import type { SnapshotContent, SnapshotCountRow } from './write-snapshot.ts';

/**
 * Puts a test snapshot's rows into a live-shaped database (pipelines/store/live-schema.ts) the way the
 * pipeline holds them: the registry tables, the weekly cube with its packed `cell` key and each cell's
 * record-key sum, ingest counts, and any stored alarms or priorities.
 */
export async function fillLiveDb(conn: DuckDBConnection, content: SnapshotContent): Promise<void> {
  await insertRows(conn, 'INSERT INTO areas VALUES ($1, $2, $3, $4, $5, $6, $7)', content.areas ?? [], (a) => [
    a.code,
    a.name,
    a.gemeenteCode,
    a.gemeenteName,
    a.year,
    a.residents,
    a.geometry ? JSON.stringify(a.geometry) : null,
  ]);
  await insertRows(conn, 'INSERT INTO population VALUES ($1, $2, $3, $4)', content.population ?? [], (p) => [
    p.code,
    p.year,
    p.band,
    p.residents,
  ]);
  await insertRows(
    conn,
    'INSERT INTO cube_rows VALUES ($1, CAST($2 AS DATE), $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    cubeCells(content.weeklyCounts ?? []),
    (c) => [c.wijk, c.monday, c.theme, c.category, c.sourceKind, c.ageBand, c.n, c.signals, c.high, c.cell, c.keySum],
  );
  await insertRows(
    conn,
    'INSERT INTO ingest_counts VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP))',
    content.ingestStatus ?? [],
    (s) => [s.partner, s.outcome, BigInt(s.n), s.lastSeen],
  );
  await insertRows(
    conn,
    'INSERT INTO alarms VALUES ($1, $2, CAST($3 AS DATE), $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12)',
    content.alarms ?? [],
    (a) => [
      a.wijk,
      a.theme,
      mondayIsoDate(a.week),
      a.method,
      a.observed,
      a.expected,
      a.threshold,
      a.pValue ?? null,
      a.alarm,
      a.level,
      a.reason ?? null,
      JSON.stringify(a.baselineFrom && a.baselineTo ? { baselineFrom: a.baselineFrom, baselineTo: a.baselineTo } : {}),
    ],
  );
  await insertRows(conn, 'INSERT INTO priorities VALUES ($1, $2, $3, $4)', content.priorities ?? [], (p) => [
    p.wijk,
    p.rank,
    p.score,
    JSON.stringify(p.components),
  ]);
}

interface CubeCell {
  wijk: string;
  monday: string;
  theme: string;
  category: string;
  sourceKind: string;
  ageBand: string;
  n: bigint;
  signals: bigint;
  high: bigint;
  cell: bigint;
  keySum: bigint;
}

/** A row without a category: `unspecified` where the theme has it, else the theme's first category. */
function defaultCategory(theme: string): string {
  const categories: readonly string[] = CATEGORIES_BY_THEME[theme as Theme] ?? [];
  return categories.includes('unspecified') ? 'unspecified' : (categories[0] ?? 'unspecified');
}

/** Rows with the same coordinates become one cell (the live cube's primary key), key sums added mod 2^32. */
function cubeCells(rows: readonly SnapshotCountRow[]): CubeCell[] {
  const cells = new Map<number, CubeCell>();
  for (const row of rows) {
    const coordinates = {
      wijk: row.wijk,
      weekMonday: mondayIsoDate(row.week),
      theme: row.theme,
      category: row.category ?? defaultCategory(row.theme),
      sourceKind: row.sourceKind ?? 'home_care',
      ageBand: row.ageBand ?? '25-44',
    };
    const key = cellKey(coordinates);
    const keySum = BigInt(row.keySum ?? defaultKeySum(row));
    const cell = cells.get(key) ?? {
      ...coordinates,
      monday: coordinates.weekMonday,
      n: 0n,
      signals: 0n,
      high: 0n,
      cell: BigInt(key),
      keySum: 0n,
    };
    cell.n += BigInt(row.n);
    cell.signals += BigInt(row.signals ?? row.n);
    cell.high += BigInt(row.high ?? 0);
    cell.keySum = (cell.keySum + keySum) % BigInt(RECORD_KEY_SPACE);
    cells.set(key, cell);
  }
  // A cube cell exists only when something was counted in it.
  return [...cells.values()].filter((c) => c.n > 0n);
}

/**
 * A deterministic record-key sum for a cube row that did not bring its own: the same rows give the same
 * published numbers on every run, as a fixed signal set does in the pipeline.
 */
export function defaultKeySum(row: SnapshotCountRow): number {
  const text = [row.wijk, row.week, row.theme, row.category, row.sourceKind, row.ageBand, row.n].join('|');
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

async function insertRows<T>(
  conn: DuckDBConnection,
  sql: string,
  rows: readonly T[],
  toValues: (row: T) => DuckDBValue[],
): Promise<void> {
  if (rows.length === 0) return;
  const statement = await conn.prepare(sql);
  for (const row of rows) {
    statement.bind(toValues(row));
    await statement.run();
  }
}
