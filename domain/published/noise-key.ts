/**
 * The noise of a cell is read from its **noise key**, a fixed scramble of its cell key, not from the cell
 * key itself. Why: adding one signal adds the same record key r to the key of every cell that holds it.
 * Read straight from the cell key, whose noise bands are wide intervals, a small r (or one close to
 * 2^32) keeps every such cell in its band, so all of them move by exactly +1 and comparing two snapshots
 * says "one signal was added here" (about 1 added signal in 90 did that over 24 linked cells). Through
 * the scramble, the cells' new noises are unrelated to each other and to their old ones, whatever r is.
 *
 * The scramble is simple tabulation hashing (Zobrist; Pătraşcu & Thorup 2012): each of the key's four
 * bytes picks a 32-bit word from its own fixed table and the words are XORed. It is a pure function of
 * the cell key, so the same signals still give the same number everywhere, and it is cheap in DuckDB (four
 * list lookups on one column). The tables are public like the noise table; the record-key secret is not.
 */

const TABLE_SEED = 0x5717_2024;

/** Four tables of 256 words from a fixed seed (SplitMix32), so every build computes the same scramble. */
const TABLES: readonly Uint32Array[] = (() => {
  let state = TABLE_SEED;
  const next = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [0, 1, 2, 3].map(() => Uint32Array.from({ length: 256 }, next));
})();

/** The noise key of a cell key (both 0 … 2^32 − 1). */
export function noiseKeyOf(cellKey: number): number {
  const [t0, t1, t2, t3] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return (t0[cellKey & 255]! ^ t1[(cellKey >>> 8) & 255]! ^ t2[(cellKey >>> 16) & 255]! ^ t3[cellKey >>> 24]!) >>> 0;
}

/**
 * The same scramble as a DuckDB expression over a cell-key column (a BIGINT from 0 to 2^32 − 1). It names
 * the column four times: give it a column, not a computed expression, and read the result as a column of
 * its own (the noise lookup reads it seven times).
 */
export function noiseKeySql(cellKeyColumn: string): string {
  const word = (table: number, byte: string): string => `[${Array.from(TABLES[table]!).join(',')}][${byte} + 1]`;
  const c = `(${cellKeyColumn})::BIGINT`;
  return `xor(xor(${word(0, `(${c} & 255)`)}, ${word(1, `((${c} >> 8) & 255)`)}), xor(${word(2, `((${c} >> 16) & 255)`)}, ${word(3, `(${c} >> 24)`)}))`;
}
