import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { createApiHandlers, type ApiHandlers } from '../app.ts';
import { testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { auditLogFiles, type AuditLogFiles } from '../ops/audit-log-files.ts';
import type { AuditEntry } from '../ops/audit-trail.ts';
import { withFastPath } from './fast-path.ts';

let root: string;
let reader: SnapshotReader;
let server: Server;
let port: number;
let files: AuditLogFiles;
let handlers: ApiHandlers;
/** Answers handed to their socket so far, and the most of them any audit write found already sent beyond its lines. */
let answersSent = 0;
let linesWritten = 0;
let sentAheadOfLines = 0;

const TARGET = '/api/v1/areas/WK000101/series?theme=loneliness';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-audited-sends-'));
  await writeSnapshot(join(root, 'snapshots'), 1, fixtureContent());
  reader = await openSnapshotReader({ dir: join(root, 'snapshots'), pollMs: 20 });
  files = auditLogFiles({ dir: join(root, 'audit'), retentionDays: 30, now: () => FIXTURE_NOW });
  // The real files, and at each write how many answers had left before it: never more than the lines written.
  const observe = (lines: number) => {
    sentAheadOfLines = Math.max(sentAheadOfLines, answersSent - linesWritten);
    linesWritten += lines;
  };
  const audit = Object.assign(
    (entry: AuditEntry) => {
      observe(1);
      files(entry);
    },
    {
      all: (entries: readonly AuditEntry[]) => {
        observe(entries.length);
        files.all(entries);
      },
    },
  );
  handlers = createApiHandlers({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    log: () => {},
    audit,
  });
  const hono = getRequestListener(handlers.app.fetch);
  const listener = withFastPath(handlers.fastPath, hono);
  server = createServer((req, res) => {
    res.once('prefinish', () => answersSent++);
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handlers.close();
  await reader.close();
  await rm(root, { recursive: true, force: true });
});

/** `count` GETs of TARGET sent in one write on one keep-alive connection (pipelined); resolves with the raw answers. */
function pipelined(count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const request = `GET ${TARGET} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer epidemiologist\r\nAccept-Encoding: gzip\r\n\r\n`;
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if ((text.match(/HTTP\/1\.1 200/g) ?? []).length === count) {
        socket.end();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.write(request.repeat(count));
  });
}

describe("the fast path's audit lines", () => {
  it('writes the lines of the answers of one turn at once, each before its answer leaves, one line per answer', async () => {
    expect(
      (await fetch(`http://127.0.0.1:${port}${TARGET}`, { headers: { authorization: 'Bearer epidemiologist' } })).status,
    ).toBe(200);
    const writesBefore = files.writes();
    const batchesBefore = handlers.fastPath.auditBatches();
    const answers = await pipelined(10);

    const ids = [...answers.matchAll(/X-Request-Id: ([^\r]+)/gi)].map((m) => m[1]);
    expect(ids).toHaveLength(10);
    const lines = (await readFile(join(root, 'audit', 'access-2025-03-05.jsonl'), 'utf8')).trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
    expect(entries).toHaveLength(11);
    expect(entries.slice(1).map((e) => e.requestId)).toEqual(ids);
    for (const e of entries.slice(1))
      expect(e).toMatchObject({
        subject: 'test-epidemiologist',
        route: '/api/v1/areas/:code/series',
        area: 'WK000101',
        status: 200,
      });
    // Ten requests read in one turn: their lines went out in one write (two, had TCP split the requests).
    expect(files.writes() - writesBefore).toBeLessThanOrEqual(2);
    expect(handlers.fastPath.auditBatches() - batchesBefore).toBe(files.writes() - writesBefore);
    await waitFor(async () => answersSent === 11, {
      timeoutMs: 5_000,
      intervalMs: 10,
      what: 'every answer handed to its socket',
    });
    expect(sentAheadOfLines).toBe(0);
  });

  it('sends no answer whose line could not be written: the connection closes instead', async () => {
    // A sink whose writes of several lines fail (a full disk): the Hono path's single lines still go through.
    const failing = createApiHandlers({
      snapshots: reader,
      authenticate: testAuthenticate,
      now: () => FIXTURE_NOW,
      log: () => {},
      audit: Object.assign(() => {}, {
        all: () => {
          throw new Error('disk full');
        },
      }),
    });
    const hono = getRequestListener(failing.app.fetch);
    const other = createServer(withFastPath(failing.fastPath, hono));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}${TARGET}`;
      const headers = { authorization: 'Bearer epidemiologist' };
      expect((await fetch(url, { headers })).status).toBe(200); // Hono's answer, audited one line at a time
      await expect(fetch(url, { headers })).rejects.toThrow();
      expect(failing.fastPath.auditBatches()).toBe(1);
    } finally {
      await new Promise((resolve) => other.close(resolve));
      await failing.close();
    }
  });
});
