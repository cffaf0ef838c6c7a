import { convexHull, pointInRing, ringArea, ringCentroid, voronoiCells, type Ring } from './plane-polygons.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface DemoTiling {
  /** Per gemeente, its wijk cells in the local plane (km), the first one nearest the gemeente's centre. */
  wijken: Ring[][];
}

export interface TilingPlan {
  wijken: number;
  /** 0 spreads wijken evenly; higher values crowd them around the centre, as in a city. */
  crowding: number;
}

/**
 * Two-level Voronoi tiling: gemeente cells inside an irregular convex outline, then wijk cells inside
 * each gemeente cell. Every cell is convex and cells never overlap, so the map reads as real borders.
 */
export function demoTiling(random: SeededRandom, plans: readonly TilingPlan[]): DemoTiling {
  const radius = Math.sqrt((110 * plans.length) / Math.PI);
  const outline: [number, number][] = [];
  for (let k = 0; k < 14; k++) {
    const angle = (2 * Math.PI * k) / 14 + random.between(-0.15, 0.15);
    const r = radius * random.between(0.85, 1.1);
    outline.push([1.25 * r * Math.cos(angle), 0.85 * r * Math.sin(angle)]);
  }
  const outer = convexHull(outline);
  const gemeenteCells = relaxedCells(random, outer, plans.length, 0, 4);
  return {
    wijken: plans.map((plan, g) => {
      const cell = gemeenteCells[g]!;
      const centre = ringCentroid(cell);
      const cells = relaxedCells(random, cell, plan.wijken, plan.crowding, plan.crowding > 0 ? 1 : 3);
      const distance = (ring: Ring): number => {
        const [x, y] = ringCentroid(ring);
        return Math.hypot(x - centre[0], y - centre[1]);
      };
      return cells.sort((a, b) => distance(a) - distance(b));
    }),
  };
}

/** Voronoi cells of `count` sites scattered in `region`, smoothed by a few Lloyd steps. */
function relaxedCells(random: SeededRandom, region: Ring, count: number, crowding: number, steps: number): Ring[] {
  if (count === 1) return [region];
  let sites = scatter(random, region, count, crowding);
  let cells = voronoiCells(sites, region);
  for (let step = 0; step < steps; step++) {
    sites = cells.map((cell, i) => (cell.length >= 3 ? ringCentroid(cell) : sites[i]!));
    cells = voronoiCells(sites, region);
  }
  return cells;
}

function scatter(random: SeededRandom, region: Ring, count: number, crowding: number): [number, number][] {
  const xs = region.map((p) => p[0]);
  const ys = region.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = ringCentroid(region);
  const size = Math.sqrt(ringArea(region));
  let spacing = (0.5 * size) / Math.sqrt(count);
  const sites: [number, number][] = [];
  let attempts = 0;
  while (sites.length < count) {
    // Give up on the spacing gradually rather than loop forever in a thin region.
    if (++attempts % 500 === 0) spacing *= 0.8;
    const p: [number, number] = [random.between(minX, maxX), random.between(minY, maxY)];
    if (!pointInRing(p, region)) continue;
    const fromCentre = Math.hypot(p[0] - centre[0], p[1] - centre[1]) / size;
    if (crowding > 0 && random.next() > Math.exp(-crowding * fromCentre)) continue;
    const local = crowding > 0 ? spacing * (0.4 + fromCentre) : spacing;
    if (sites.some((s) => Math.hypot(s[0] - p[0], s[1] - p[1]) < local)) continue;
    sites.push(p);
  }
  return sites;
}
