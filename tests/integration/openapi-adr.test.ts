import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateAs } from '../../services/api/auth/test-authenticate.ts';
import { startApiServer, type ApiServer } from '../../services/api/server.ts';
import { fixtureContent } from '../support/api-fixture.ts';
import { writeSnapshot } from '../support/write-snapshot.ts';

/**
 * The published OpenAPI document against the official NLGov API Design Rules ruleset, as a government
 * API register would check it: the LIVE document of a running API, so operations added later are covered
 * without touching this test.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const RULESET = resolve(ROOT, '../shared/standards/nlgov-adr-linter.yaml');
const SPECTRAL = join(ROOT, 'node_modules/.bin/spectral');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface SpectralResult {
  code: string | number;
  message: string;
  path: (string | number)[];
  severity: number; // 0 error, 1 warn, 2 info, 3 hint
}
interface Operation {
  operationId?: string;
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
}

let dir: string;
let server: ApiServer;
let documentFile: string;
let operations: [string, Operation][];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wijksignaal-openapi-adr-'));
  await writeSnapshot(join(dir, 'snapshots'), 1, fixtureContent());
  server = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: join(dir, 'snapshots'),
    dashboardDir: dir,
    authenticate: authenticateAs('admin'),
    log: () => {},
  });
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  const text = await res.text();
  documentFile = join(dir, 'openapi.json');
  await writeFile(documentFile, text);
  const doc = JSON.parse(text) as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the live OpenAPI document', () => {
  it('passes the NLGov API Design Rules ruleset with zero errors', async () => {
    const output = join(dir, 'spectral.json');
    // Spectral exits 1 when it finds errors; the results file says which, so the exit code is not the verdict.
    await promisify(execFile)(SPECTRAL, ['lint', '-r', RULESET, documentFile, '-f', 'json', '-o', output, '-q'], {
      cwd: ROOT,
      maxBuffer: 16 * 2 ** 20,
    }).catch((error: { code?: number; stderr?: string }) => {
      if (error.code !== 1) throw new Error(`spectral failed: ${error.stderr ?? String(error)}`);
    });
    const results = JSON.parse(await readFile(output, 'utf8')) as SpectralResult[];
    const line = (r: SpectralResult) => `${r.code} at ${r.path.join('.')}: ${r.message}`;
    const errors = results.filter((r) => r.severity === 0).map(line);
    const warnings = results.filter((r) => r.severity === 1).map(line);
    expect(errors, `ADR errors:\n${errors.join('\n')}\nwarnings:\n${warnings.join('\n') || '(none)'}`).toEqual([]);
  });

  it('has operations, each with an operationId', () => {
    expect(operations.length).toBeGreaterThan(5);
    const missing = operations.filter(([, op]) => !op.operationId).map(([name]) => name);
    expect(missing).toEqual([]);
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the API-Version header on every 2xx response', () => {
    const missing = operations.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status, r]) => /^2\d\d$/.test(status) && !r.headers?.['API-Version'])
        .map(([status]) => `${name} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents a 400 for every operation', () => {
    const missing = operations.filter(([, op]) => !op.responses['400']).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('answers every error as application/problem+json only', () => {
    const wrong = operations.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([, r]) => Object.keys(r.content ?? {}).join() !== 'application/problem+json')
        .map(([status, r]) => `${name} ${status}: ${Object.keys(r.content ?? {}).join(', ') || 'no content'}`),
    );
    expect(wrong).toEqual([]);
  });
});
