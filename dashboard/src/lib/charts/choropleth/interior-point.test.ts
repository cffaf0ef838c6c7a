import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPoint, interiorPoint, type PolygonalGeometry, type Position } from './interior-point.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('interiorPoint', () => {
  it('stays inside a U-shaped wijk whose centroid is outside it', () => {
    const u: PolygonalGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(containsPoint(u, [1.5, 2])).toBe(false);
    expect(containsPoint(u, interiorPoint(u)!)).toBe(true);
  });

  it('avoids the hole of a ring-shaped wijk', () => {
    const ring: PolygonalGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };
    const point = interiorPoint(ring)!;
    expect(containsPoint(ring, point)).toBe(true);
    expect(containsPoint({ type: 'Polygon', coordinates: [square(3, 3, 4)] }, point)).toBe(false);
  });

  it('picks the largest part of a wijk made of islands', () => {
    const islands: PolygonalGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 3)]] };
    expect(containsPoint({ type: 'Polygon', coordinates: [square(5, 5, 3)] }, interiorPoint(islands)!)).toBe(true);
  });

  it('lies inside any star-shaped polygon', () => {
    const radii = fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 3, maxLength: 40 });
    fc.assert(
      fc.property(radii, fc.double({ min: -180, max: 180, noNaN: true }), (rs, cx) => {
        const ring: Position[] = rs.map((r, i) => {
          const angle = (2 * Math.PI * i) / rs.length;
          return [cx + r * Math.cos(angle), 52 + r * Math.sin(angle)];
        });
        ring.push(ring[0]!);
        const polygon: PolygonalGeometry = { type: 'Polygon', coordinates: [ring] };
        expect(containsPoint(polygon, interiorPoint(polygon)!)).toBe(true);
      }),
    );
  });

  it('returns null for a geometry without rings', () => {
    expect(interiorPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
