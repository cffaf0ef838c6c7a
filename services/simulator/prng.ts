/**
 * A small seeded pseudo-random generator and the distributions the simulator needs.
 * Everything is derived from the seed so a run can be replayed exactly (the crash test
 * regenerates the produced messages to compute its ground truth).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** FNV-1a over the parts, then a murmur-style finaliser: cheap, well mixed 32-bit seeds from labels. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u001f`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator), seeded from labels. */
export function createRng(...seedParts: readonly (string | number)[]): Rng {
  let a = hashSeed('a', ...seedParts);
  let b = hashSeed('b', ...seedParts);
  let c = hashSeed('c', ...seedParts);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let i = 0; i < 12; i++) next();
  return { next };
}

export function randomInt(rng: Rng, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(rng.next() * (maxInclusive - minInclusive + 1));
}

export function standardNormal(rng: Rng): number {
  // Box–Muller; 1 - u keeps the log argument away from zero.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, scale) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(rng: Rng, shape: number, scale: number): number {
  if (shape <= 0 || scale <= 0) return 0;
  if (shape < 1) return gamma(rng, shape + 1, scale) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/**
 * Poisson(lambda): multiplication method for small means, Hörmann's PTRS
 * (transformed rejection with squeeze, 1993) for large ones, so big wijken stay fast.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = 1 - rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * Negative binomial with the given mean and dispersion `size` (variance = mean + mean²/size), drawn
 * as a gamma–Poisson mixture: real signal counts cluster (repeat callers, busy weeks) more than Poisson.
 */
export function negativeBinomial(rng: Rng, mean: number, size: number): number {
  if (!(mean > 0)) return 0;
  if (!Number.isFinite(size)) return poisson(rng, mean);
  return poisson(rng, gamma(rng, size, mean / size));
}

export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

export function weightedChoice<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const item = items[weightedIndex(rng, weights)];
  if (item === undefined) throw new RangeError('weightedChoice needs at least one item');
  return item;
}

function hex8(rng: Rng): string {
  return Math.floor(rng.next() * 4294967296)
    .toString(16)
    .padStart(8, '0');
}

/** A random (version 4, RFC 9562 variant) UUID drawn from the generator, so ids repeat per seed. */
export function uuidV4(rng: Rng): string {
  const a = hex8(rng);
  const b = hex8(rng);
  const c = hex8(rng);
  const d = hex8(rng);
  const variant = ((parseInt(c[0] as string, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const LOG_FACTORIAL_CACHE: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = LOG_FACTORIAL_CACHE.length; i <= k; i++) {
      LOG_FACTORIAL_CACHE[i] = (LOG_FACTORIAL_CACHE[i - 1] ?? 0) + Math.log(i);
    }
    return LOG_FACTORIAL_CACHE[k] ?? 0;
  }
  // Stirling series; exact enough for the rejection test at these sizes.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
