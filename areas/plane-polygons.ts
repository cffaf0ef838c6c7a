/** A simple polygon in a local plane (km), counter-clockwise, not closed. */
export type Ring = [number, number][];

/** Signed area: positive for counter-clockwise rings. */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

export function ringCentroid(ring: Ring): [number, number] {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  if (a === 0) return ring[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Keeps the part of `ring` where nx·x + ny·y ≤ c (Sutherland–Hodgman against one half-plane). */
export function clipToHalfPlane(ring: Ring, nx: number, ny: number, c: number): Ring {
  const out: Ring = [];
  const side = (p: [number, number]): number => nx * p[0] + ny * p[1] - c;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/**
 * The Voronoi cell of every site inside a convex `outer` ring: the cells are convex, do not overlap
 * and together cover `outer`, which is what a tiled map of wijken needs.
 */
export function voronoiCells(sites: readonly [number, number][], outer: Ring): Ring[] {
  return sites.map(([px, py], i) => {
    let cell = outer;
    sites.forEach(([qx, qy], j) => {
      if (i === j || cell.length === 0) return;
      const nx = qx - px;
      const ny = qy - py;
      cell = clipToHalfPlane(cell, nx, ny, (nx * (px + qx) + ny * (py + qy)) / 2);
    });
    return cell;
  });
}

export function pointInRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Convex hull, counter-clockwise (Andrew's monotone chain). */
export function convexHull(points: readonly [number, number][]): Ring {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]): [number, number][] => {
    const chain: [number, number][] = [];
    for (const p of list) {
      while (chain.length >= 2 && cross(chain[chain.length - 2]!, chain[chain.length - 1]!, p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}
