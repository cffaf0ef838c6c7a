import type { CbsBand } from '@wijksignaal/contracts/population';
import { WIJK_CODE_PATTERN } from '@wijksignaal/contracts/signal';
import { resolveColumnNames } from './column-names.ts';
import { importError } from './import-error.ts';
import { parseCsv } from './parse-csv.ts';
import { populationOf } from './population-values.ts';

/** One wijk row of a Kerncijfers wijken en buurten table. */
export interface KerncijfersRow {
  code: string;
  name: string | null;
  gemeenteCode: string;
  gemeenteName: string | null;
  residents: number | null;
  residentsByBand: Record<CbsBand, number> | null;
}

/**
 * Reads the wijk rows of a Kerncijfers wijken en buurten CSV (our reshaped tables, the CBS kwb
 * workbook saved as CSV, or a StatLine export). Gemeente and buurt rows in a mixed table are skipped.
 * `file` only names the file in error messages; this function does no I/O.
 */
export function readKerncijfers(text: string, file: string): Map<string, KerncijfersRow> {
  if (/^\uFEFF?\s*[{[]/.test(text)) {
    throw importError(file, 'is JSON, not a Kerncijfers CSV; did you swap --areas and --population?');
  }
  const table = parseCsv(text);
  const columns = resolveColumnNames(table.header);
  if (columns.code === undefined) {
    throw importError(
      file,
      'no wijk code column (expected wijkcode, gwb_code_10 or Codering); is this a Kerncijfers wijken en buurten CSV?',
    );
  }
  if (columns.buurtCode !== undefined) {
    throw importError(file, `has one row per buurt (column ${columns.buurtCode}); give the wijk-level Kerncijfers table`);
  }
  if (columns.residents === undefined) {
    throw importError(file, 'no residents column (expected inwoners, aantal_inwoners, a_inw or AantalInwoners)');
  }
  const index = new Map(table.header.map((h, i) => [h, i]));
  const codeIndex = index.get(columns.code)!;
  const decimalComma = table.delimiter === ';';
  const rows = new Map<string, KerncijfersRow>();
  const firstLine = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const code = (row[codeIndex] ?? '').trim().toUpperCase();
    if (!WIJK_CODE_PATTERN.test(code)) return;
    const seen = firstLine.get(code);
    if (seen !== undefined) throw importError(file, `wijk ${code} appears twice (lines ${seen} and ${line})`);
    firstLine.set(code, line);
    const get = (key: string): string | undefined => row[index.get(key)!];
    const text = (key: string | undefined): string | null => {
      const value = key === undefined ? undefined : get(key)?.trim();
      return value ? value : null;
    };
    let population;
    try {
      population = populationOf(get, columns, decimalComma);
    } catch (error) {
      throw importError(file, `line ${line}, ${(error as Error).message}`);
    }
    rows.set(code, {
      code,
      name: text(columns.name),
      gemeenteCode: text(columns.gemeenteCode)?.toUpperCase() ?? `GM${code.slice(2, 6)}`,
      gemeenteName: text(columns.gemeenteName),
      ...population,
    });
  });
  if (rows.size === 0) {
    throw importError(file, `no wijk rows (codes like WK034401) in column ${columns.code}`);
  }
  return rows;
}
