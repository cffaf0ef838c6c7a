import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';

const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
const NATIONAL_MAP = resolve(SHARED_DATA, 'cbs_wijken_2024_nl.geojson');
const NATIONAL_POPULATION = resolve(SHARED_DATA, 'kwb_2024_wijken_nl.csv');

export interface BenchRegistry {
  registry: AreaRegistry;
  national: boolean;
  /** Flags that make the pipeline load the same registry. */
  pipelineArgs: string[];
  description: string;
}

/**
 * The national CBS wijk map with Kerncijfers residents when the shared data folder is next to the
 * repository; otherwise the fictional demo region, and the figures say so.
 */
export async function benchRegistry(): Promise<BenchRegistry> {
  if (existsSync(NATIONAL_MAP) && existsSync(NATIONAL_POPULATION)) {
    const registry = await loadAreaRegistry({ areasFile: NATIONAL_MAP, populationFile: NATIONAL_POPULATION });
    return {
      registry,
      national: true,
      pipelineArgs: ['--areas', NATIONAL_MAP, '--population', NATIONAL_POPULATION],
      description: `national CBS map, ${registry.areas.length} wijken (${registry.source})`,
    };
  }
  const registry = await loadAreaRegistry({});
  return {
    registry,
    national: false,
    pipelineArgs: [],
    description: `DEMO REGION (${registry.areas.length} wijken): ${NATIONAL_MAP} not found, so these are not national figures`,
  };
}
