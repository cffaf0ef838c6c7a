import { join } from 'node:path';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { benchAuthorization } from './bench-token.ts';

export interface BenchApi {
  url: string;
  /** `Bearer …` of an epidemiologist, signed by the local issuer of the API's DATA_DIR. */
  authorization: string;
  /** The same for an admin, who may read `/metrics` (the event-loop delay over a run). */
  adminAuthorization: string;
  process: ChildService;
  stop(): Promise<void>;
}

/** `npm run api` on `dataDir` as a child process, once it serves a snapshot (readiness 200). */
export async function startBenchApi(dataDir: string): Promise<BenchApi> {
  const port = await freePort();
  const authorization = await benchAuthorization(dataDir);
  const adminAuthorization = await benchAuthorization(dataDir, 'admin');
  // The request log goes to a file: piped into this busy process it would stall the API it measures.
  const api = spawnService(
    'services/api/main.ts',
    ['--port', String(port)],
    // The load comes from one token: the per-subject limits would answer it 429 instead of measuring it.
    { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000', EXPORT_RATE_LIMIT_PER_MINUTE: '10000' },
    {
      stdoutFile: join(dataDir, 'api-requests.log'),
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    let exited: number | null | undefined;
    void api.exited.then((code) => (exited = code));
    let lastAnswer = 'no answer';
    await waitFor(
      async () => {
        if (exited !== undefined)
          throw new Error(`the API exited (${exited}): ${api.stderr.join('').trim().split('\n').at(-1) ?? ''}`);
        const res = await fetch(`${url}/api/v1/ready`).catch(() => null);
        if (res) lastAnswer = `${res.status} ${(await res.text()).slice(0, 200)}`;
        return res?.status === 200;
      },
      { timeoutMs: 120_000, intervalMs: 100, what: `the API on ${url} to serve a snapshot` },
    ).catch((error: unknown) => {
      throw new Error(
        `${(error as Error).message} (last answer: ${lastAnswer}; API output: ${api.stderr.join('').trim().slice(-300)})`,
      );
    });
  } catch (error) {
    await api.stop();
    throw error;
  }
  return {
    url,
    authorization,
    adminAuthorization,
    process: api,
    stop: async () => {
      await api.stop();
    },
  };
}
