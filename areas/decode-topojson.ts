/** A GeoJSON Polygon or MultiPolygon geometry in [lon, lat]. */
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface DecodedFeature {
  properties: Record<string, unknown>;
  geometry: PolygonGeometry | null;
}

interface TopoGeometry {
  type?: unknown;
  arcs?: unknown;
  properties?: unknown;
  geometries?: unknown;
}

/**
 * Turns a TopoJSON Topology into features, one per geometry of every object. Quantized topologies
 * (with a `transform`) store each arc as a first position followed by deltas; an arc index `~i`
 * (i.e. `-i - 1`) means arc i walked backwards. Only Polygon and MultiPolygon carry geometry here,
 * because wijken are areas; other geometry types yield `geometry: null`.
 */
export function decodeTopojson(topology: Record<string, unknown>): DecodedFeature[] {
  const arcs = decodeArcs(topology);
  const ring = (indexes: unknown): number[][] => {
    if (!Array.isArray(indexes)) throw new Error('a ring is not a list of arc indexes');
    const points: number[][] = [];
    for (const raw of indexes) {
      if (!Number.isInteger(raw)) throw new Error(`arc index ${JSON.stringify(raw)} is not an integer`);
      const index = raw as number;
      const arc = arcs[index < 0 ? ~index : index];
      if (!arc) throw new Error(`arc ${index} does not exist`);
      const walk = index < 0 ? [...arc].reverse() : arc;
      // Consecutive arcs share their joining point; keep it once.
      walk.forEach((p, i) => {
        if (i > 0 || points.length === 0) points.push(p);
      });
    }
    return points;
  };
  const polygon = (rings: unknown): number[][][] => {
    if (!Array.isArray(rings)) throw new Error('a polygon is not a list of rings');
    return rings.map(ring);
  };
  const features: DecodedFeature[] = [];
  const visit = (geometry: TopoGeometry): void => {
    if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
      for (const child of geometry.geometries) visit(child as TopoGeometry);
      return;
    }
    const properties = (geometry.properties ?? {}) as Record<string, unknown>;
    if (geometry.type === 'Polygon') {
      features.push({ properties, geometry: { type: 'Polygon', coordinates: polygon(geometry.arcs) } });
    } else if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.arcs)) {
      features.push({
        properties,
        geometry: { type: 'MultiPolygon', coordinates: geometry.arcs.map(polygon) },
      });
    } else {
      features.push({ properties, geometry: null });
    }
  };
  const objects = topology.objects;
  if (typeof objects !== 'object' || objects === null) throw new Error('the Topology has no objects');
  for (const object of Object.values(objects)) visit(object as TopoGeometry);
  return features;
}

function decodeArcs(topology: Record<string, unknown>): number[][][] {
  if (!Array.isArray(topology.arcs)) throw new Error('the Topology has no arcs');
  const transform = topology.transform as { scale?: unknown; translate?: unknown } | undefined;
  const scale = transform?.scale as [number, number] | undefined;
  const translate = transform?.translate as [number, number] | undefined;
  const quantized = Array.isArray(scale) && Array.isArray(translate);
  return topology.arcs.map((arc: unknown) => {
    if (!Array.isArray(arc)) throw new Error('an arc is not a list of positions');
    let x = 0;
    let y = 0;
    return arc.map((position: unknown) => {
      if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') {
        throw new Error('an arc position is not a pair of numbers');
      }
      if (!quantized) return [position[0], position[1]];
      x += position[0];
      y += position[1];
      return [round7(x * scale[0] + translate[0]), round7(y * scale[1] + translate[1])];
    });
  });
}

/** Drops the binary noise of scale × integer (1e-7° is about a centimetre). */
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
