import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { areaSchema } from '@wijksignaal/contracts/area';
import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { WIJK_CODE_PATTERN } from '@wijksignaal/contracts/signal';
import { describe, expect, it } from 'vitest';
import { generateDemoRegion } from './demo-region.ts';
import { convexHull, pointInRing, type Ring } from './plane-polygons.ts';

const NATIONAL_MAP = resolve(import.meta.dirname, '../../shared/data/cbs_wijken_2024_nl.geojson');

function realCodesAndNames(): { codes: Set<string>; gemeenteNames: Set<string> } {
  const map = JSON.parse(readFileSync(NATIONAL_MAP, 'utf8')) as {
    features: { properties: { wijkcode: string; gemeentecode: string; gemeentenaam: string } }[];
  };
  const codes = new Set<string>();
  const gemeenteNames = new Set<string>();
  for (const { properties: p } of map.features) {
    codes.add(p.wijkcode);
    codes.add(p.gemeentecode);
    gemeenteNames.add(p.gemeentenaam);
  }
  return { codes, gemeenteNames };
}

const outerRing = (geometry: unknown): Ring => (geometry as { coordinates: Ring[] }).coordinates[0]!;

describe('generateDemoRegion', () => {
  const region = generateDemoRegion();

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoRegion({ seed: 7 })).toEqual(generateDemoRegion({ seed: 7 }));
    expect(generateDemoRegion()).toEqual(region);
    expect(generateDemoRegion({ seed: 8 }).areas.map((a) => a.residents)).not.toEqual(
      generateDemoRegion({ seed: 7 }).areas.map((a) => a.residents),
    );
  });

  it('has about four gemeenten of 5–12 wijken, codes in CBS form, none of them real', () => {
    const { codes, gemeenteNames } = realCodesAndNames();
    const perGemeente = new Map<string, typeof region.areas>();
    for (const area of region.areas) perGemeente.set(area.gemeenteCode, [...(perGemeente.get(area.gemeenteCode) ?? []), area]);
    expect(perGemeente.size).toBe(4);
    expect(region.areas.length).toBeGreaterThanOrEqual(30);
    expect(region.areas.length).toBeLessThanOrEqual(40);
    for (const wijken of perGemeente.values()) {
      expect(wijken.length).toBeGreaterThanOrEqual(5);
      expect(wijken.length).toBeLessThanOrEqual(12);
    }
    expect(new Set(region.areas.map((a) => a.code)).size).toBe(region.areas.length);
    for (const area of region.areas) {
      expect(area.code).toMatch(WIJK_CODE_PATTERN);
      expect(area.gemeenteCode).toMatch(/^GM\d{4}$/);
      expect(area.code.slice(2, 6)).toBe(area.gemeenteCode.slice(2));
      expect(codes.has(area.code)).toBe(false);
      expect(codes.has(area.gemeenteCode)).toBe(false);
      expect(gemeenteNames.has(area.gemeenteName)).toBe(false);
    }
  });

  it('gives every wijk geometry, plausible residents and an age mix that adds up', () => {
    expect(region.year).toBe(2024);
    for (const area of region.areas) {
      expect(areaSchema.safeParse(area).success).toBe(true);
      expect(area.residents).toBeGreaterThanOrEqual(1500);
      expect(area.residents).toBeLessThanOrEqual(25000);
      const bands = CBS_BANDS.map((band) => area.residentsByBand![band]);
      expect(bands.reduce((s, n) => s + n, 0)).toBe(area.residents);
      const ring = outerRing(area.geometry);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        // Inside the bounding box of the real wijk map of the Netherlands.
        expect(lon).toBeGreaterThan(3.3);
        expect(lon).toBeLessThan(7.23);
        expect(lat).toBeGreaterThan(50.75);
        expect(lat).toBeLessThan(53.58);
      }
    }
  });

  it('has age mixes that differ: a student wijk, a family wijk and a grey village', () => {
    const share = (band: (typeof CBS_BANDS)[number]) => (a: (typeof region.areas)[number]) =>
      a.residentsByBand![band] / a.residents!;
    const students = Math.max(...region.areas.map(share('15-24')));
    const children = Math.max(...region.areas.map(share('0-14')));
    const elderly = Math.max(...region.areas.map(share('65+')));
    expect(students).toBeGreaterThan(0.35);
    expect(children).toBeGreaterThan(0.2);
    expect(elderly).toBeGreaterThan(0.28);
    expect(Math.min(...region.areas.map(share('65+')))).toBeLessThan(0.1);
  });

  it('tiles the map: every point of the region lies in exactly one wijk', () => {
    const rings = region.areas.map((a) => outerRing(a.geometry));
    const hull = convexHull(rings.flat());
    const lons = hull.map((p) => p[0]);
    const lats = hull.map((p) => p[1]);
    let inside = 0;
    // An irrational step keeps sample points off the polygon edges.
    for (let i = 0.5; i < 60; i += Math.SQRT2 / 2) {
      for (let j = 0.5; j < 60; j += Math.SQRT2 / 2) {
        const point: [number, number] = [
          Math.min(...lons) + ((Math.max(...lons) - Math.min(...lons)) * i) / 60,
          Math.min(...lats) + ((Math.max(...lats) - Math.min(...lats)) * j) / 60,
        ];
        const hits = rings.filter((ring) => pointInRing(point, ring)).length;
        if (pointInRing(point, hull)) {
          inside++;
          expect(hits).toBe(1);
        } else {
          expect(hits).toBe(0);
        }
      }
    }
    expect(inside).toBeGreaterThan(1000);
  });

  it('scales to more gemeenten and rejects nonsense', () => {
    const larger = generateDemoRegion({ gemeenten: 7 });
    expect(new Set(larger.areas.map((a) => a.gemeenteCode)).size).toBe(7);
    expect(() => generateDemoRegion({ gemeenten: 0 })).toThrow(/^demo region: gemeenten must be/);
  });
});
