import type { SeededRandom } from './seeded-random.ts';

/*
 * Invented Dutch-sounding parts. They are combined at random, so a gemeente of the demo region is
 * recognisably Dutch without being a real place; the tests check the results against the real list.
 */
const STEMS = [
  'Brem',
  'Elzen',
  'Hazel',
  'Kievit',
  'Linde',
  'Vlas',
  'Wilgen',
  'Rogge',
  'Hulst',
  'Eiken',
  'Mossel',
  'Zwaluw',
  'Tarwe',
  'Riet',
  'Lis',
  'Kraai',
  'Berken',
  'Hoppe',
  'Sleedoorn',
  'Klaver',
] as const;
const PLACE_ENDINGS = [
  'holt',
  'veen',
  'wold',
  'kamp',
  'hoeve',
  'broek',
  'horst',
  'waard',
  'rade',
  'sloot',
  'donk',
  'stede',
  'voorde',
  'zijl',
  'wier',
  'meer',
] as const;
const QUARTER_ENDINGS = ['hof', 'park', 'kwartier', 'akker', 'laan', 'landen', 'veld', 'haven'] as const;
/** Endings that are de-words, so 'De …' reads right (het park, de akker). */
const DE_ENDINGS = ['akker', 'laan', 'landen', 'haven'] as const;
const COMPASS = ['Noord', 'Oost', 'Zuid', 'West'] as const;

export interface DemoNames {
  /** A gemeente or village name, unique within the region. */
  place(): string;
  /** A neighbourhood name inside a town, unique within the region. */
  quarter(town: string): string;
}

export function demoNames(random: SeededRandom): DemoNames {
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    // The parts allow hundreds of names; only a very large region gets here.
    const name = `${make()} ${used.size}`;
    used.add(name);
    return name;
  };
  const placeStems = new Set<string>();
  // Neighbouring places rarely share a stem, so prefer a fresh one while any is left.
  const placeStem = (): string => {
    const fresh = STEMS.filter((stem) => !placeStems.has(stem));
    const stem = random.pick(fresh.length > 0 ? fresh : STEMS);
    placeStems.add(stem);
    return stem;
  };
  return {
    place: () => unique(() => placeStem() + random.pick(PLACE_ENDINGS)),
    quarter: (town) =>
      unique(() => {
        const roll = random.next();
        if (roll < 0.25) return `${town}-${random.pick(COMPASS)}`;
        if (roll < 0.5) return `De ${random.pick(STEMS)}${random.pick(DE_ENDINGS)}`;
        return random.pick(STEMS) + random.pick(QUARTER_ENDINGS);
      }),
  };
}
