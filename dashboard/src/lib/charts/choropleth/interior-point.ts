/**
 * A point that lies inside a wijk, for labels and for clicking a wijk in tests. The plain centroid can
 * fall outside a concave or ring-shaped wijk, so this takes the midpoint of the widest horizontal
 * stretch of the wijk's largest polygon across a few scanlines.
 */
export type Position = [number, number];
type Ring = Position[];
type Polygon = Ring[];

export interface PolygonalGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

const SCANLINES = [0.5, 0.35, 0.65, 0.2, 0.8];

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    sum += xj * yi - xi * yj;
  }
  return Math.abs(sum) / 2;
}

function crossings(polygon: Polygon, y: number): number[] {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      // Half-open test so a vertex exactly on the scanline is counted once.
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  return xs.sort((a, b) => a - b);
}

function polygonsOf(geometry: PolygonalGeometry): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates as Polygon] : (geometry.coordinates as Polygon[]);
}

export function interiorPoint(geometry: PolygonalGeometry): Position | null {
  const polygons = polygonsOf(geometry).filter((p) => p[0] !== undefined && p[0].length >= 3);
  if (polygons.length === 0) return null;
  const largest = polygons.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
  const outer = largest[0]!;
  const ys = outer.map((pt) => pt[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);

  let best: { width: number; point: Position } | null = null;
  for (const fraction of SCANLINES) {
    const y = minY + (maxY - minY) * fraction;
    const xs = crossings(largest, y);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1]! - xs[k]!;
      if (!best || width > best.width) best = { width, point: [(xs[k]! + xs[k + 1]!) / 2, y] };
    }
  }
  return best ? best.point : (outer[0] ?? null);
}

/** Even-odd point-in-polygon test, used by the tests to check `interiorPoint`. */
export function containsPoint(geometry: PolygonalGeometry, [x, y]: Position): boolean {
  return polygonsOf(geometry).some((polygon) => {
    let inside = false;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
      }
    }
    return inside;
  });
}
