import { poissonInterval } from '@wijksignaal/domain/epi/poisson-interval';

/**
 * `poissonInterval` remembered per count. Below 10 events it solves for gamma quantiles; a national overview
 * asks it for the rate and the SMR of 3,393 wijken whose counts repeat a few hundred distinct values.
 */
export function memoPoissonInterval(): (count: number) => { lower: number; upper: number } {
  const known = new Map<number, { lower: number; upper: number }>();
  return (count) => {
    let interval = known.get(count);
    if (interval === undefined) {
      const { lower, upper } = poissonInterval(count);
      interval = { lower, upper };
      known.set(count, interval);
    }
    return interval;
  };
}
