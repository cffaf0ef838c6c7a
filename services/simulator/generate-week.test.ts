import { describe, expect, it } from 'vitest';
import { addIsoWeeks, isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { signalSchema, type SignalInput, type Theme } from '@wijksignaal/contracts/signal';
import { generateWeek } from './generate-week.ts';
import { SIGNAL_STREAMS, annualExpected } from './rates.ts';
import { trendFactor } from './seasonality.ts';
import { bigRegistry, tinyRegistry } from './testing/tiny-registry.ts';

const total = (signals: SignalInput[], pick: (s: SignalInput) => boolean = () => true): number =>
  signals.filter(pick).reduce((sum, s) => sum + (s.count ?? 1), 0);

describe('generateWeek', { timeout: 60_000 }, () => {
  it('is deterministic per seed and differs between seeds', () => {
    const registry = tinyRegistry();
    const a = generateWeek(registry, '2025-W10', { seed: 'alpha' });
    expect(generateWeek(registry, '2025-W10', { seed: 'alpha' })).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
    expect(generateWeek(registry, '2025-W10', { seed: 'beta' })).not.toEqual(a);
  });

  it('produces a week the same way alone or after other weeks', () => {
    const registry = tinyRegistry();
    const alone = generateWeek(registry, '2025-W20', { seed: 3 });
    for (const week of isoWeekRange('2025-W10', '2025-W19')) generateWeek(registry, week, { seed: 3 });
    expect(generateWeek(registry, '2025-W20', { seed: 3 })).toEqual(alone);
  });

  it('emits only signals that pass the contract, with unique ids, for known populated wijken', () => {
    const registry = tinyRegistry();
    const signals = isoWeekRange('2025-W01', '2025-W12').flatMap((w) => generateWeek(registry, w, { seed: 11 }));
    expect(signals.length).toBeGreaterThan(100);
    for (const s of signals) expect(signalSchema.safeParse(s).success).toBe(true);
    expect(new Set(signals.map((s) => s.id)).size).toBe(signals.length);
    const areas = new Set(signals.map((s) => s.area));
    expect(areas.has('WK990203')).toBe(false); // no residents → nothing
    expect(areas.has('WK990202')).toBe(true); // residents without age mix → national mix
  });

  it('uses each partner for its own source kind and runs only the streams of partners present', () => {
    const registry = tinyRegistry();
    const onlySchools = generateWeek(registry, '2025-W11', { seed: 2, partners: [{ id: 'mijn-school', sourceKind: 'school' }] });
    expect(onlySchools.length).toBeGreaterThan(0);
    expect(onlySchools.every((s) => s.partner === 'mijn-school' && s.sourceKind === 'school')).toBe(true);
  });

  it('sends school registers partly as weekly counts', () => {
    const registry = bigRegistry(20, 20_000);
    const signals = isoWeekRange('2025-W36', '2025-W40').flatMap((w) => generateWeek(registry, w, { seed: 5 }));
    const school = signals.filter((s) => s.sourceKind === 'school' && s.theme === 'school_absence');
    expect(school.some((s) => (s.count ?? 1) > 1)).toBe(true);
    expect(signals.filter((s) => s.sourceKind !== 'school').every((s) => s.count === undefined)).toBe(true);
  });

  it('drops school absence to nothing in the summer holiday', () => {
    const registry = bigRegistry(30, 20_000);
    const absence = (week: string): number =>
      total(generateWeek(registry, week, { seed: 9 }), (s) => s.theme === 'school_absence');
    expect(absence('2025-W31')).toBe(0); // every region is on holiday
    expect(absence('2025-W38')).toBeGreaterThan(100);
  });

  it('puts most loneliness signals in the 65+ bands', () => {
    const registry = bigRegistry(30, 20_000);
    const signals = isoWeekRange('2025-W01', '2025-W26').flatMap((w) => generateWeek(registry, w, { seed: 4 }));
    const lonely = signals.filter((s) => s.theme === 'loneliness');
    const old = lonely.filter((s) => s.ageBand === '65-74' || s.ageBand === '75+');
    expect(lonely.length).toBeGreaterThan(200);
    expect(old.length / lonely.length).toBeGreaterThan(0.5);
  });

  it('peaks loneliness in winter and youth nuisance in summer', () => {
    const registry = bigRegistry(30, 20_000);
    const sum = (weeks: string[], pick: (s: SignalInput) => boolean): number =>
      weeks.reduce((acc, w) => acc + total(generateWeek(registry, w, { seed: 21 }), pick), 0);
    const winter = isoWeekRange('2025-W01', '2025-W06');
    const summer = isoWeekRange('2025-W27', '2025-W32');
    const lonely = (s: SignalInput): boolean => s.theme === 'loneliness';
    const youth = (s: SignalInput): boolean => s.category === 'youth_nuisance';
    expect(sum(winter, lonely)).toBeGreaterThan(sum(summer, lonely));
    expect(sum(summer, youth)).toBeGreaterThan(sum(winter, youth));
  });

  it('matches the configured annual rates for a large population', () => {
    // 60 wijken × 20,000 residents: 1.2 M people, 52 weeks of 2025.
    const registry = bigRegistry(60, 20_000);
    const weeks = isoWeekRange('2025-W01', '2025-W52');
    const signals = weeks.flatMap((w) => generateWeek(registry, w, { seed: 17 }));
    const themes: Theme[] = ['escalation', 'school_absence', 'loneliness'];
    for (const theme of themes) {
      let expected = 0;
      for (const area of registry.areas) {
        for (const stream of SIGNAL_STREAMS.filter((s) => s.theme === theme)) {
          const perWeek = annualExpected(stream, area.residentsByBand ?? {}) / (365.2425 / 7);
          expected += weeks.reduce((acc, w) => acc + perWeek * trendFactor(theme, w), 0);
        }
      }
      const observed = total(signals, (s) => s.theme === theme);
      // Wijk levels (±30%), seasonality and a few outbreaks move it; a wrong rate would be far off.
      expect(observed / expected).toBeGreaterThan(0.85);
      expect(observed / expected).toBeLessThan(1.2);
    }
    // Confused-person reports ≈ 7.9 per 1,000 residents a year (police E33, 2023).
    const confused = total(signals, (s) => s.category === 'confused_behaviour');
    expect(confused / 1_200).toBeGreaterThan(7.9 * 0.8);
    expect(confused / 1_200).toBeLessThan(7.9 * 1.25);
  });

  it('raises a wijk-theme in an injected outbreak', async () => {
    const { listOutbreaks } = await import('./outbreaks.ts');
    const registry = bigRegistry(10, 20_000);
    const outbreak = listOutbreaks(registry, 8, '2024-W01', '2025-W52').find((o) => o.theme === 'escalation');
    expect(outbreak).toBeDefined();
    const { area, startWeek, weeks } = outbreak!;
    const count = (week: string): number =>
      total(generateWeek(registry, week, { seed: 8 }), (s) => s.area === area && s.theme === 'escalation');
    const during = isoWeekRange(startWeek, addIsoWeeks(startWeek, weeks - 1)).reduce((acc, w) => acc + count(w), 0) / weeks;
    const before =
      isoWeekRange(addIsoWeeks(startWeek, -12), addIsoWeeks(startWeek, -1)).reduce((acc, w) => acc + count(w), 0) / 12;
    expect(during).toBeGreaterThan(before * 1.5);
  });
});
