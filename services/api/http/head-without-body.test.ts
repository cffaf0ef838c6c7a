import { readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureContent } from '../../../tests/support/api-fixture.ts';
import { ROOMY_READER_LIMITS } from '../../../tests/support/roomy-reader-limits.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { testAuthenticate } from '../auth/test-authenticate.ts';
import { startApiServer, type ApiServer } from '../server.ts';

let dir: string;
let server: ApiServer;

const exportFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('wijksignaal-export-')).length;
const openExportFiles = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).includes('wijksignaal-export-');
    } catch {
      return false; // closed while listing
    }
  }).length;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-head-'));
  await writeSnapshot(dir, 1, fixtureContent());
  server = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: dir,
    authenticate: testAuthenticate,
    requestLog: () => {},
    limits: ROOMY_READER_LIMITS,
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('HEAD over HTTP', () => {
  it('answers the exports with their headers and leaves no temp folder and no open file behind, 200 times each', async () => {
    const folders = exportFolders();
    for (const path of [
      '/api/v1/exports/weekly-counts?theme=loneliness&format=csv',
      '/api/v1/exports/overview?theme=loneliness&format=parquet',
    ]) {
      for (let i = 0; i < 200; i++) {
        const res = await fetch(`${server.url}${path}`, { method: 'HEAD', headers: { authorization: 'Bearer epidemiologist' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
        expect(await res.text()).toBe('');
      }
    }
    expect(exportFolders()).toBe(folders);
    expect(openExportFiles()).toBe(0);
  }, 120_000);
});
