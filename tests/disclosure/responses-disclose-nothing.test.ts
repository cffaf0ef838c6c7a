import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEMES } from '@wijksignaal/contracts/signal';
import { createApp } from '@wijksignaal/api/app';
import { authenticateAs } from '@wijksignaal/api/auth/test-authenticate';
import { openSnapshotReader } from '@wijksignaal/api/db/snapshot-reader';
import { latestSnapshotFile, readPublishedTable } from '../support/read-snapshot.ts';
import { writeSnapshot } from '../support/write-snapshot.ts';
import { attack, Observations, relationsOf } from './attack-responses.ts';
import { readAllViews } from './read-all-views.ts';
import { NOW, snapshotOf, trueCount, world, type World } from './published-world.ts';

/**
 * Must hold (domain/published/README.md): for random small snapshots built by the pipeline's own code,
 * every data response and both exports show each count exactly as the snapshot's published table holds it
 * (so no count from 1 to k−1, the same cell the same number in every view, withheld in one view withheld in
 * all), figures computed from a withheld count are hidden, and an attacker who combines everything
 * published — every period, view, breakdown, gemeente and the region — with exact additive relations
 * between the true counts, and who knows each published count lies within ±3 of the truth, pins no
 * withheld count. The control: the same attacker over the same cells published exactly (true counts,
 * 1 … k−1 withheld) does pin counts. The seed is fixed, so a run is reproducible (pinning is improbable,
 * not impossible, by design).
 */
const SEED = 20250305;
const RUNS = 25;

async function observe(w: World) {
  const dir = await mkdtemp(join(tmpdir(), 'api-disclosure-'));
  const content = snapshotOf(w);
  await writeSnapshot(dir, 1, content);
  const table = await readPublishedTable(latestSnapshotFile(dir));
  const reader = await openSnapshotReader({ dir });
  try {
    const app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => NOW });
    const observations = new Observations();
    const views = await readAllViews(app, content, table, observations);
    const relations = relationsOf(observations, content.areas ?? []);
    return { content, table, observations, relations, views };
  } finally {
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('every data response and export, for random small snapshots', () => {
  it('shows only published cells and lets no attacker pin a withheld count; exact publication would', async () => {
    let exactPins = 0;
    let withheldSeen = 0;
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { content, table, observations, relations, views } = await observe(w);
        expect(observations.conflicts, 'the same cell differs between views').toEqual([]);
        for (const { ref, shown, seenIn } of observations.cells.values()) {
          const published = table.count(ref);
          expect(shown, `${seenIn}: ${JSON.stringify(ref)}`).toEqual(published === null ? 'withheld' : published);
        }
        const small = views.counts.filter((c) => c.value >= 1 && c.value < w.k);
        expect(small, `counts 1 … k−1 in a response (k = ${w.k})`).toEqual([]);
        expect(views.derivedOfWithheld, 'a figure of a withheld count is shown').toEqual([]);

        const perturbed = attack(observations, relations, { k: w.k });
        withheldSeen += perturbed.withheld.length;
        expect(perturbed.pinned, 'withheld counts the attacker worked out').toEqual([]);
        exactPins += attack(observations, relations, { k: w.k, exact: { truth: (ref) => trueCount(content, ref) } }).pinned
          .length;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(withheldSeen, 'the worlds have withheld cells to attack').toBeGreaterThan(100);
    expect(exactPins, 'the attacker pins counts when the published numbers are exact').toBeGreaterThan(0);
  }, 300_000);

  it('control: a small wijk next to a big one in one gemeente is pinned when published exactly, not when perturbed', async () => {
    const bands = [200, 100, 300, 250, 150];
    const w: World = {
      k: 5,
      wijken: [
        { gemeente: 0, bands, no65: false },
        { gemeente: 0, bands, no65: false },
      ],
      counts: THEMES.flatMap((theme) => [
        { wijk: 0, weeksBack: 17, theme, ageBand: '25-44', category: 0, source: 'home_care' as const, n: 3 },
        { wijk: 1, weeksBack: 17, theme, ageBand: '25-44', category: 0, source: 'home_care' as const, n: 12 },
      ]),
    };
    const { content, observations, relations } = await observe(w);
    const exact = attack(observations, relations, { k: 5, exact: { truth: (ref) => trueCount(content, ref) } });
    // Exactly: the gemeente shows 15 and the big wijk 12, so the small one is 3 in every period that holds it.
    expect(exact.pinned.filter((id) => id.includes('|wijk|WK000100|')).length).toBeGreaterThan(0);
    expect(attack(observations, relations, { k: 5 }).pinned).toEqual([]);
  }, 60_000);
});
