/**
 * A compact set of 52-bit hashes of every signal id ever accepted, so that the hot path can tell
 * "certainly new" from "maybe seen before" without asking the database. Only the rare "maybe" ids are
 * checked against the `signals` table; the hash alone never decides that an id is a duplicate.
 * Memory: 8 bytes per slot at ≤ 50% load, so 16–32 bytes per id.
 */
export class IdHashSet {
  private slots: Float64Array;
  private used = 0;

  constructor(expected = 1 << 16) {
    let capacity = 1 << 10;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Float64Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  has(id: string): boolean {
    return this.hasHash(hashId(id));
  }

  add(id: string): void {
    this.addHash(hashId(id));
  }

  /** `has` for an id whose `hashId` was worked out already (in a validation worker). */
  hasHash(h: number): boolean {
    return this.find(h) >= 0;
  }

  addHash(h: number): void {
    if (this.find(h) >= 0) return;
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    this.insert(h);
  }

  private find(h: number): number {
    const mask = this.slots.length - 1;
    for (let i = h % this.slots.length; ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === 0) return -1;
      if (v === h) return i;
    }
  }

  private insert(h: number): void {
    const mask = this.slots.length - 1;
    let i = h % this.slots.length;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = h;
    this.used++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.used = 0;
    for (const v of old) if (v !== 0) this.insert(v);
  }
}

/** A 52-bit hash (as a positive double, never 0) of a case-folded id. */
export function hashId(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32; // UUIDs compare case-insensitively
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  const high = (a >>> 0) & 0xfffff; // 20 bits
  const low = b >>> 0; // 32 bits
  return high * 4294967296 + low + 1;
}
