import { CBS_BANDS, type CbsBand } from '@wijksignaal/contracts/population';
import { apportion } from './apportion.ts';
import type { ColumnNames } from './column-names.ts';

export interface Population {
  residents: number | null;
  residentsByBand: Record<CbsBand, number> | null;
}

/**
 * Reads a CBS figure. Unknown is null, never zero: an empty cell, CBS's "." (secret / not yet
 * published) and the PDOK secrecy codes (-99995, -99997, ...) all mean "no figure".
 * A semicolon file may use a decimal comma. Anything else that is not a number throws.
 */
export function parseCbsNumber(raw: unknown, decimalComma: boolean): number | null {
  if (raw === undefined || raw === null) return null;
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    let text = raw.trim();
    if (text === '' || text === '.' || text === '-' || text === '?') return null;
    if (decimalComma && /^-?\d+,\d+$/.test(text)) text = text.replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`'${raw}' is not a number`);
    value = Number(text);
  } else {
    throw new Error(`${JSON.stringify(raw)} is not a number`);
  }
  if (!Number.isFinite(value)) throw new Error(`'${String(raw)}' is not a number`);
  return value <= -99990 ? null : value;
}

/**
 * Residents and their age mix from one row. Absolute band counts are kept as published (CBS rounds
 * them to fives, so they need not add up to the residents). Percentages are turned into whole counts
 * that add up exactly to the residents: CBS rounds each percentage to a whole number, so their sum is
 * 98–102 and is used as the base instead of 100. Any band unknown makes the whole mix unknown.
 */
export function populationOf(get: (key: string) => unknown, columns: ColumnNames, decimalComma: boolean): Population {
  const read = (key: string): number | null => {
    try {
      return parseCbsNumber(get(key), decimalComma);
    } catch (error) {
      throw new Error(`column ${key}: ${(error as Error).message}`);
    }
  };
  const residents = columns.residents === undefined ? null : read(columns.residents);
  if (residents !== null && (!Number.isInteger(residents) || residents < 0)) {
    throw new Error(
      `column ${columns.residents}: residents must be a whole number ≥ 0, got '${String(get(columns.residents!))}' (remove thousands separators)`,
    );
  }
  const bandValues = (names: Record<CbsBand, string>): number[] | null => {
    const values = CBS_BANDS.map((band) => read(names[band]));
    if (values.some((v) => v === null)) return null;
    for (const [i, v] of values.entries()) {
      if (v! < 0) throw new Error(`column ${names[CBS_BANDS[i]!]}: negative value ${v}`);
    }
    return values as number[];
  };
  let residentsByBand: Record<CbsBand, number> | null = null;
  const counts = columns.counts ? bandValues(columns.counts) : null;
  if (counts) {
    residentsByBand = toRecord(counts);
  } else if (columns.percentages && residents !== null) {
    const shares = bandValues(columns.percentages);
    if (shares && shares.some((s) => s > 0)) residentsByBand = toRecord(apportion(residents, shares));
  }
  return { residents, residentsByBand };
}

function toRecord(values: readonly number[]): Record<CbsBand, number> {
  return Object.fromEntries(CBS_BANDS.map((band, i) => [band, values[i]!])) as Record<CbsBand, number>;
}
