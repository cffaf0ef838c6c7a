import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { pipelineArgs, topicArgs, type TopicNames } from './kafka-kit.ts';
import { spawnService, type ChildService } from './pipeline-process.ts';
import { ROOMY_READER_LIMITS_ENV } from './roomy-reader-limits.ts';
import { waitFor } from './wait-for.ts';

export interface TestStack {
  dataDir: string;
  baseUrl: string;
  pipeline: ChildService;
  api: ChildService;
  stop(): Promise<void>;
}

/**
 * The pipeline and the API as real processes over one fresh DATA_DIR, on the given topics: what `npm start`
 * runs, minus the simulator and the broker (the test run's broker is used). `extraArgs` go to the pipeline,
 * `apiArgs` to the API (e.g. `--dashboard <dir>`), `pipelineEnv` to the pipeline's environment.
 */
export async function startTestStack(
  brokers: string[],
  names: TopicNames,
  extraArgs: string[] = [],
  apiArgs: string[] = [],
  pipelineEnv: Record<string, string> = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-stack-'));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_SESSION_TIMEOUT_MS: '3000',
    SNAPSHOT_INTERVAL_MS: '250',
  };
  const pipeline = spawnService('pipelines/main.ts', [...pipelineArgs(names), ...extraArgs], { ...env, ...pipelineEnv });
  // One subject reads thousands of answers in these tests (the disclosure attacker reads every view): the
  // per-subject limits, tested in services/api/limits/, would refuse it half-way.
  // The API on the same topics: its partner ingest and its triage marks and subscriptions (the actions topic).
  const api = spawnService('services/api/main.ts', ['--port', String(port), ...topicArgs(names), ...apiArgs], {
    ...env,
    ...ROOMY_READER_LIMITS_ENV,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`the API exited: ${api.stderr.join('').slice(-300)}`);
      if (pipeline.child.exitCode !== null) throw new Error(`the pipeline exited: ${pipeline.stderr.join('').slice(-300)}`);
      const res = await fetch(`${baseUrl}/api/v1/ready`).catch(() => null);
      return res?.status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 200, what: 'the API to serve the first snapshot' },
  );
  return {
    dataDir,
    baseUrl,
    pipeline,
    api,
    async stop() {
      await Promise.all([api.stop(), pipeline.stop()]);
    },
  };
}
