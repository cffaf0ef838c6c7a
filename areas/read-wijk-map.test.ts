import { describe, expect, it } from 'vitest';
import { readWijkMap } from './read-wijk-map.ts';

/*
 * Two 1°×1° squares side by side on a quantized grid (0.5° × 0.25° per step), sharing arc 0.
 * Wijk 01 walks arc 0 forwards; wijk 02 (a MultiPolygon) walks it backwards as ~0.
 */
const topology = {
  type: 'Topology',
  transform: { scale: [0.5, 0.25], translate: [5, 52] },
  objects: {
    wijken: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0, 1]], properties: { statcode: 'WK000101', statnaam: 'Oost' } },
        { type: 'MultiPolygon', arcs: [[[2, ~0]]], properties: { statcode: 'WK000102', statnaam: 'West' } },
        { type: 'Polygon', arcs: [[0, 1]], properties: { statcode: 'BU00010101', statnaam: 'a buurt' } },
      ],
    },
  },
  arcs: [
    [
      [2, 0],
      [0, 4],
    ],
    [
      [2, 4],
      [-2, 0],
      [0, -4],
      [2, 0],
    ],
    [
      [2, 0],
      [2, 0],
      [0, 4],
      [-2, 0],
    ],
  ],
};

describe('readWijkMap', () => {
  it('decodes a quantized, delta-encoded TopoJSON into closed polygons', () => {
    const map = readWijkMap(JSON.stringify(topology), 'wijken.json');
    expect(map.format).toBe('TopoJSON');
    expect([...map.features.keys()]).toEqual(['WK000101', 'WK000102']);
    expect(map.features.get('WK000101')).toMatchObject({
      name: 'Oost',
      gemeenteCode: 'GM0001',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [6, 52],
            [6, 53],
            [5, 53],
            [5, 52],
            [6, 52],
          ],
        ],
      },
    });
    expect(map.features.get('WK000102')?.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [6, 52],
            [7, 52],
            [7, 53],
            [6, 53],
            [6, 52],
          ],
        ],
      ],
    });
  });

  it('reads a TopoJSON without a transform as absolute positions', () => {
    const plain = {
      type: 'Topology',
      objects: { w: { type: 'Polygon', arcs: [[0]], properties: { wijkcode: 'WK000103' } } },
      arcs: [
        [
          [5, 52],
          [6, 52],
          [6, 53],
          [5, 52],
        ],
      ],
    };
    const geometry = readWijkMap(JSON.stringify(plain), 'x').features.get('WK000103')?.geometry;
    expect(geometry?.coordinates).toEqual([plain.arcs[0]]);
  });

  it('tells GeoJSON from TopoJSON by content, reads PDOK names, the metadata year and the map’s own figures', () => {
    const geojson = {
      type: 'FeatureCollection',
      metadata: { year: 2024 },
      features: [
        {
          type: 'Feature',
          properties: {
            statcode: 'WK000101',
            statnaam: 'Oost',
            gemeentenaam: 'Ergens',
            aantalInwoners: 1000,
            percentagePersonen0Tot15Jaar: 20,
            percentagePersonen15Tot25Jaar: 10,
            percentagePersonen25Tot45Jaar: 30,
            percentagePersonen45Tot65Jaar: 25,
            percentagePersonen65JaarEnOuder: 15,
          },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [5, 52],
                [6, 52],
                [6, 53],
                [5, 52],
              ],
            ],
          },
        },
        { type: 'Feature', properties: { statcode: 'WK000199', aantalInwoners: -99997 }, geometry: null },
      ],
    };
    const map = readWijkMap(JSON.stringify(geojson), 'wijken.topojson');
    expect(map.format).toBe('GeoJSON');
    expect(map.year).toBe(2024);
    expect(map.features.get('WK000101')).toMatchObject({
      gemeenteName: 'Ergens',
      residents: 1000,
      residentsByBand: { '0-14': 200, '15-24': 100, '25-44': 300, '45-64': 250, '65+': 150 },
    });
    // A PDOK secrecy code is unknown, not a negative population.
    expect(map.features.get('WK000199')).toMatchObject({ residents: null, residentsByBand: null, geometry: null });
  });

  it('refuses coordinates in RD New with a hint to convert', () => {
    const rd = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { wijkcode: 'WK000101' },
          geometry: { type: 'Polygon', coordinates: [[[136000, 455000]]] },
        },
      ],
    };
    expect(() => readWijkMap(JSON.stringify(rd), '/tmp/rd.geojson')).toThrow(
      /^rd\.geojson: coordinates are not WGS84.*EPSG:4326/,
    );
  });

  it('reports a broken TopoJSON in one line', () => {
    const broken = { ...topology, arcs: topology.arcs.slice(0, 1) };
    expect(() => readWijkMap(JSON.stringify(broken), 'w.topojson')).toThrow(
      /^w\.topojson: broken TopoJSON: arc 1 does not exist$/,
    );
  });
});
