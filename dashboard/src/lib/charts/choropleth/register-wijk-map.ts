import type { AreaGeometryResponse } from '@wijksignaal/contracts/http';
import { registerMap } from '../echarts-setup.ts';

/**
 * ECharts looks maps up by name in a registry of its own. Each geometry object gets its own name, so a
 * new geometry (another area file) is never drawn with a cached older one.
 */
const names = new WeakMap<AreaGeometryResponse, string>();
let counter = 0;

export function registerWijkMap(geometry: AreaGeometryResponse): string {
  const known = names.get(geometry);
  if (known) return known;
  const name = `wijken-${++counter}`;
  registerMap(name, geometry as unknown as Parameters<typeof registerMap>[1]);
  names.set(geometry, name);
  return name;
}
