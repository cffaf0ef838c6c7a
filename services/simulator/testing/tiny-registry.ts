import type { Area, AreaRegistry } from '@wijksignaal/contracts/area';

/** Hand-made registries for the simulator's own tests (no files, no demo generator). */
function wijk(
  code: string,
  gemeenteCode: string,
  residents: number | null,
  mix: [number, number, number, number, number] | null,
): Area {
  return {
    code,
    name: `Testwijk ${code}`,
    gemeenteCode,
    gemeenteName: `Testgemeente ${gemeenteCode}`,
    year: 2024,
    residents,
    residentsByBand:
      residents === null || mix === null
        ? null
        : {
            '0-14': residents * mix[0],
            '15-24': residents * mix[1],
            '25-44': residents * mix[2],
            '45-64': residents * mix[3],
            '65+': residents * mix[4],
          },
    geometry: null,
  };
}

export function tinyRegistry(): AreaRegistry {
  return {
    year: 2024,
    source: 'test',
    areas: [
      wijk('WK990101', 'GM9901', 12_000, [0.18, 0.12, 0.28, 0.25, 0.17]),
      wijk('WK990102', 'GM9901', 4_500, [0.1, 0.08, 0.2, 0.3, 0.32]),
      wijk('WK990201', 'GM9902', 25_000, [0.14, 0.2, 0.32, 0.22, 0.12]),
      wijk('WK990202', 'GM9902', 800, null),
      wijk('WK990203', 'GM9902', null, null),
    ],
  };
}

/** Many equal wijken with the national age mix, big enough for rate checks. */
export function bigRegistry(wijken: number, residentsEach: number): AreaRegistry {
  const areas: Area[] = [];
  for (let i = 0; i < wijken; i++) {
    const g = String(9000 + Math.floor(i / 10)).padStart(4, '0');
    areas.push(wijk(`WK${g}${String(i % 10).padStart(2, '0')}`, `GM${g}`, residentsEach, [0.151, 0.123, 0.256, 0.265, 0.205]));
  }
  return { year: 2024, source: 'test', areas };
}
