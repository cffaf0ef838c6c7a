import { defineConfig } from 'vitest/config';

/**
 * One run, four projects: unit (pure stages, next to the code, and `tests/disclosure`, which runs the API over
 * snapshots filled by the pipeline's own refresh functions), golden (R oracles in ../shared/fixtures),
 * integration (a real Kafka broker and real DuckDB files) and e2e (the stack in real Chromium).
 * The JSON report feeds the `N passed, N failed` line of .ci/run.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'contracts/**/*.test.ts',
            'domain/**/*.test.ts',
            'areas/**/*.test.ts',
            'kafka-connection/**/*.test.ts',
            'alarm-delivery/**/*.test.ts',
            'pipelines/**/*.test.ts',
            'services/**/*.test.ts',
            'dashboard/src/**/*.test.ts',
            'tests/disclosure/**/*.test.ts',
          ],
          // Several unit tests run the analysis stage on a real DuckDB file; vitest's 5 s default is too tight
          // for them on a 2-core machine that runs other test files beside them.
          testTimeout: 30_000,
        },
      },
      {
        test: { name: 'golden', include: ['tests/golden/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/kafka-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/kafka-global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
