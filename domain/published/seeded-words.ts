/** A seeded stream of 32-bit words (xorshift32), for the simulated attacks of this folder's tests: the same in every run. */
export function seededWords(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}
