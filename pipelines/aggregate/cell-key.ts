import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';

/** The six coordinates that name one cell of the weekly cube. */
export interface CellCoordinates {
  wijk: string;
  weekMonday: string;
  theme: string;
  category: string;
  sourceKind: string;
  ageBand: string;
}

/**
 * Field widths in bits, most significant first. They are fixed (not derived from the enum lengths) so
 * keys stored in a live database stay valid when an enum grows within its room; 14+11+13+3+4+4+4 = 53
 * keeps every key an exact JavaScript number and a positive BIGINT.
 */
export const CELL_KEY_BITS = {
  wijkDigits: 14,
  wijkSuffix: 11,
  week: 13,
  theme: 3,
  category: 4,
  sourceKind: 4,
  ageBand: 4,
} as const;

/** Week 0 of the key: the Monday of ISO week 2000-W01. */
export const CELL_KEY_EPOCH = '2000-01-03';

export const BASE36_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const DAY_MS = 86_400_000;
const EPOCH_MS = Date.parse(`${CELL_KEY_EPOCH}T00:00:00Z`);
const WIJK = /^WK(\d{4})([0-9A-Z])([0-9A-Z])$/;
const MONDAY = /^\d{4}-\d{2}-\d{2}$/;

const themeIndex = new Map<string, number>(THEMES.map((t, i) => [t, i]));
const categoryIndex = new Map<string, Map<string, number>>(
  THEMES.map((t) => [t, new Map<string, number>(CATEGORIES_BY_THEME[t].map((c, i) => [c, i]))]),
);
const sourceKindIndex = new Map<string, number>(SOURCE_KINDS.map((s, i) => [s, i]));
const ageBandIndex = new Map<string, number>(AGE_BANDS.map((a, i) => [a, i]));

// A contract change that outgrows a field must fail loudly at start-up, never wrap into another cell.
assertRoom('themes', THEMES.length, CELL_KEY_BITS.theme);
for (const t of THEMES) assertRoom(`categories of ${t}`, CATEGORIES_BY_THEME[t].length, CELL_KEY_BITS.category);
assertRoom('source kinds', SOURCE_KINDS.length, CELL_KEY_BITS.sourceKind);
assertRoom('age bands', AGE_BANDS.length, CELL_KEY_BITS.ageBand);

function assertRoom(what: string, count: number, bits: number): void {
  if (count > 2 ** bits)
    throw new Error(`cell key: ${count} ${what} do not fit in ${bits} bits; widen CELL_KEY_BITS and rebuild the live database`);
}

/** Whole weeks from the key epoch to a Monday (YYYY-MM-DD); throws if it is no Monday or out of range. */
export function weekNumber(weekMonday: string): number {
  const ms = MONDAY.test(weekMonday) ? Date.parse(`${weekMonday}T00:00:00Z`) : Number.NaN;
  const days = (ms - EPOCH_MS) / DAY_MS;
  if (!Number.isInteger(days) || days % 7 !== 0)
    throw new Error(`cell key: week ${JSON.stringify(weekMonday)} is not a Monday date YYYY-MM-DD`);
  const week = days / 7;
  if (week < 0 || week >= 2 ** CELL_KEY_BITS.week) {
    throw new Error(`cell key: week ${weekMonday} lies outside ${CELL_KEY_EPOCH} .. ${2 ** CELL_KEY_BITS.week} weeks later`);
  }
  return week;
}

// Batches repeat the same few weeks and wijken; parsing each once keeps cubeDelta cheap per cell.
const MEMO_LIMIT = 50_000;
const weekMemo = new Map<string, number>();
const wijkMemo = new Map<string, number>();

function memo(cache: Map<string, number>, text: string, compute: (text: string) => number): number {
  let value = cache.get(text);
  if (value === undefined) {
    value = compute(text);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(text, value);
  }
  return value;
}

/** The wijk code as one number: 4 digits times 36² plus the two base-36 characters. */
function wijkNumber(code: string): number {
  const wijk = WIJK.exec(code);
  if (!wijk) throw new Error(`cell key: wijk ${JSON.stringify(code)} is not a CBS wijk code WK + 4 digits + 2 of [0-9A-Z]`);
  const suffix = BASE36_DIGITS.indexOf(wijk[2] as string) * 36 + BASE36_DIGITS.indexOf(wijk[3] as string);
  return Number(wijk[1]) * 2 ** CELL_KEY_BITS.wijkSuffix + suffix;
}

function indexOf(index: ReadonlyMap<string, number> | undefined, value: string, what: string): number {
  const i = index?.get(value);
  if (i === undefined) throw new Error(`cell key: unknown ${what} ${JSON.stringify(value)}`);
  return i;
}

/**
 * Packs a cube cell's coordinates into one integer, so the live table can key on a BIGINT instead of six
 * text columns. Deterministic and collision-free: every field gets its own bit range (see CELL_KEY_BITS),
 * and anything that does not fit its range throws instead of sharing a key with another cell.
 */
export function cellKey(cell: CellCoordinates): number {
  const wijk = memo(wijkMemo, cell.wijk, wijkNumber);
  const week = memo(weekMemo, cell.weekMonday, weekNumber);
  const theme = indexOf(themeIndex, cell.theme, 'theme');
  const category = indexOf(categoryIndex.get(cell.theme), cell.category, 'category for that theme');
  const sourceKind = indexOf(sourceKindIndex, cell.sourceKind, 'source kind');
  const ageBand = indexOf(ageBandIndex, cell.ageBand, 'age band');
  // Multiplication, not bit shifts: JavaScript shifts work on 32 bits and the key needs 53.
  const b = CELL_KEY_BITS;
  let key = wijk * 2 ** b.week + week;
  key = key * 2 ** b.theme + theme;
  key = key * 2 ** b.category + category;
  key = key * 2 ** b.sourceKind + sourceKind;
  key = key * 2 ** b.ageBand + ageBand;
  return key;
}
