/**
 * A batch's message values copied into one buffer of its own, so a whole batch goes to a validation
 * worker as one transfer (no copy on the way, no per-message structured clone). kafkajs hands out values
 * as views into its fetch buffers, which cannot be transferred without taking the rest with them.
 */
export interface PackedValues {
  bytes: Uint8Array;
  /** Per value its start and end in `bytes`; a start of -1 is a message without a value. */
  bounds: Int32Array;
}

export function packValues(values: readonly (Uint8Array | null)[]): PackedValues {
  let total = 0;
  for (const v of values) if (v) total += v.byteLength;
  const bytes = new Uint8Array(new ArrayBuffer(total));
  const bounds = new Int32Array(values.length * 2);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v) {
      bounds[2 * i] = -1;
      bounds[2 * i + 1] = -1;
      continue;
    }
    bytes.set(v, at);
    bounds[2 * i] = at;
    at += v.byteLength;
    bounds[2 * i + 1] = at;
  }
  return { bytes, bounds };
}

/** The i-th value as a view into the packed bytes, or null for a message without a value. */
export function packedValue(packed: PackedValues, i: number): Uint8Array | null {
  const start = packed.bounds[2 * i]!;
  return start < 0 ? null : packed.bytes.subarray(start, packed.bounds[2 * i + 1]);
}
