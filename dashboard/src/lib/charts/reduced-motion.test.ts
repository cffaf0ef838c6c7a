import { describe, expect, it } from 'vitest';
import { prefersReducedMotion, withMotionPreference } from './reduced-motion.ts';

describe('withMotionPreference', () => {
  it('turns every animation off when the user prefers reduced motion', () => {
    const option = { animation: true, series: [] };
    expect(withMotionPreference(option, true)).toEqual({ animation: false, series: [] });
    expect(option.animation).toBe(true);
  });

  it('leaves the option as built otherwise', () => {
    const option = { series: [] };
    expect(withMotionPreference(option, false)).toBe(option);
  });

  it('reads the media query, and assumes motion is fine where there is none', () => {
    const original = globalThis.matchMedia;
    try {
      globalThis.matchMedia = ((query: string) => ({
        matches: query === '(prefers-reduced-motion: reduce)',
      })) as typeof matchMedia;
      expect(prefersReducedMotion()).toBe(true);
      globalThis.matchMedia = undefined as unknown as typeof matchMedia;
      expect(prefersReducedMotion()).toBe(false);
    } finally {
      globalThis.matchMedia = original;
    }
  });
});
