import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../tests/support/api-fixture.ts';
import { ROOMY_READER_LIMITS } from '../../tests/support/roomy-reader-limits.ts';
import { writeSnapshot } from '../../tests/support/write-snapshot.ts';
import { createApp } from './app.ts';
import { ROLE_MATRIX } from './auth/role-matrix.ts';
import type { Role } from './auth/roles.ts';
import { authenticateAs } from './auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from './db/snapshot-reader.ts';

/**
 * Hostile input to every operation of the published OpenAPI document (issue 4, "Must hold"): SQL and
 * script fragments, invalid codes and weeks, very long and odd strings in every path and query parameter,
 * duplicated parameters, and for operations with a body oversized, mistyped, deeply nested and malformed
 * bodies. Each must get a problem+json 4xx, the API must keep answering, and nothing may be stored: the
 * snapshot files are unchanged and the signal sink received no signal. Operations added later are read
 * from the document, so they are covered without touching this file.
 */

const HOSTILE_VALUES = [
  "' OR 1=1 --",
  ';DROP TABLE weekly_counts',
  "loneliness'; DELETE FROM areas; --",
  '1 UNION SELECT * FROM population',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'WK99',
  'WK0001011',
  'wk000101',
  '2025-W54',
  '2025-W00',
  '2025-53',
  '9999-W99',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{"$ne":null}',
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '%00',
  'loneliness\u0000',
  'WK000101\u0000',
  'ＷＫ０００１０１',
  'WK000101\u202e',
  'Zwolle 🏥 Ω ß',
  'LONELINESS',
  'x'.repeat(10_000),
];

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: unknown[]; pattern?: string };
}
interface Operation {
  operationId: keyof typeof ROLE_MATRIX;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Endpoint {
  method: string;
  path: string;
  op: Operation;
}

/** A valid value for a parameter that is not under attack, so the attack reaches the one that is. */
// from..to is a grid period (a quarter), so it is valid for every operation, week ranges included.
const VALID: Record<string, string> = { code: 'WK000101', theme: 'loneliness', from: '2025-W01', to: '2025-W13' };

let root: string;
let snapshotDir: string;
let reader: SnapshotReader;
let endpoints: Endpoint[];
let snapshotHashBefore: string;
const delivered: { signals: number; rejections: unknown[] }[] = [];

const fakeSink = {
  async deliver(_partner: string, signals: readonly unknown[], rejections: readonly unknown[]) {
    delivered.push({ signals: signals.length, rejections: [...rejections] });
  },
  async close() {},
};

function appAs(role: Role) {
  // signalSink is spread in, not written as a property, so this file does not depend on the ingest types.
  const ingestDeps: Record<string, unknown> = { signalSink: fakeSink };
  return createApp({
    snapshots: reader,
    dashboardDir: root,
    now: () => FIXTURE_NOW,
    log: () => {},
    authenticate: role === 'partner' ? authenticateAs('partner', 'demo-partner') : authenticateAs(role),
    limits: ROOMY_READER_LIMITS,
    ...ingestDeps,
  });
}

/**
 * Admin where the role matrix allows it (it reads everything), the partner for partner-only operations, and
 * otherwise the first role allowed (marking an alarm is for team leads and epidemiologists).
 */
function roleFor(op: Operation): Role {
  const roles = ROLE_MATRIX[op.operationId] as unknown;
  if (!Array.isArray(roles) || roles.includes('admin')) return 'admin';
  return roles.includes('partner') ? 'partner' : (roles[0] as Role);
}

async function snapshotHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(snapshotDir)).sort()) hash.update(name).update(await readFile(join(snapshotDir, name)));
  return hash.digest('hex');
}

function validValue(p: Parameter): string | undefined {
  if (VALID[p.name]) return VALID[p.name];
  if (p.schema?.enum?.length) return String(p.schema.enum[0]);
  return p.required ? 'x' : undefined;
}

/** The URL of an endpoint with every parameter valid except the ones in `override` (an array: repeated). */
function urlFor(endpoint: Endpoint, override: Record<string, string | string[]> = {}): string {
  let path = endpoint.path;
  const query = new URLSearchParams();
  for (const p of endpoint.op.parameters ?? []) {
    const chosen = p.name in override ? override[p.name] : validValue(p);
    if (chosen === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(chosen)));
    else if (p.in === 'query') for (const v of Array.isArray(chosen) ? chosen : [chosen]) query.append(p.name, v);
  }
  const qs = query.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

const shared = new Map<string, ReturnType<typeof createApp>>();

/**
 * Reads go to one app per role; a request with a body gets a fresh app, so the partner rate limit (a
 * 429 is a fine answer, but it would hide what the body itself gets) starts full for each.
 */
async function send(role: Role, url: string, init: RequestInit = {}): Promise<Answer> {
  let app = shared.get(role);
  if (init.body !== undefined) app = appAs(role);
  else if (!app) shared.set(role, (app = appAs(role)));
  const res = await app.request(url, init);
  const type = res.headers.get('Content-Type') ?? '';
  // An event stream never ends by itself: its status and type are the answer.
  if (type.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, type, body: '' };
  }
  return { status: res.status, type, body: await res.text() };
}

/** A problem+json 4xx whose members agree with the status line. */
function expectProblem(answer: Answer, what: string, door: number[] = [401, 403, 429]): void {
  expect(answer.status, `${what}: ${answer.status} ${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${answer.status} ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.type, what).toBe('application/problem+json');
  // The credentials are right for the operation: the attack must have reached the validation, not the door.
  expect(door, `${what}: ${answer.body.slice(0, 300)}`).not.toContain(answer.status);
  const problem = JSON.parse(answer.body) as { status: number; title: string; detail: string };
  expect(problem.status, what).toBe(answer.status);
  expect(typeof problem.title, what).toBe('string');
  expect(typeof problem.detail, what).toBe('string');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-hostile-'));
  snapshotDir = join(root, 'snapshots');
  await writeSnapshot(snapshotDir, 1, fixtureContent());
  reader = await openSnapshotReader({ dir: snapshotDir });
  snapshotHashBefore = await snapshotHash();
  const doc = (await (await appAs('admin').request('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  endpoints = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(async () => {
  await reader.close();
  await rm(root, { recursive: true, force: true });
});

describe('hostile input to every operation of the OpenAPI document', () => {
  it('finds the operations to attack', () => {
    expect(endpoints.length).toBeGreaterThan(5);
    expect(endpoints.filter((e) => (e.op.parameters ?? []).length > 0).length).toBeGreaterThan(3);
  });

  it('answers a problem+json 4xx to hostile values in every path and query parameter', async () => {
    let attacks = 0;
    for (const endpoint of endpoints.filter((e) => e.method === 'GET')) {
      const role = roleFor(endpoint.op);
      for (const p of (endpoint.op.parameters ?? []).filter((q) => q.in === 'path' || q.in === 'query')) {
        for (const value of HOSTILE_VALUES) {
          const url = urlFor(endpoint, { [p.name]: value });
          expectProblem(
            await send(role, url),
            `${endpoint.method} ${endpoint.path} ${p.name}=${JSON.stringify(value.slice(0, 40))}`,
          );
          attacks++;
        }
      }
    }
    expect(attacks).toBeGreaterThan(HOSTILE_VALUES.length * 3);
  }, 120_000);

  it('answers a problem+json 4xx to a query parameter given twice, or never reflects it', async () => {
    for (const endpoint of endpoints.filter((e) => e.method === 'GET')) {
      const role = roleFor(endpoint.op);
      for (const p of (endpoint.op.parameters ?? []).filter((q) => q.in === 'query')) {
        const valid = validValue(p) ?? 'x';
        const what = `${endpoint.path} ${p.name} twice`;
        expectProblem(await send(role, urlFor(endpoint, { [p.name]: [valid, '<script>alert(1)</script>'] })), what);
        const same = await send(role, urlFor(endpoint, { [p.name]: [valid, valid] }));
        expect(same.status, what).toBeLessThan(500);
        if (same.status >= 400) expectProblem(same, what);
      }
    }
  });

  it('never answers another method on a documented path with anything but a problem+json 4xx', async () => {
    for (const path of new Set(endpoints.map((e) => e.path))) {
      const documented = new Set(endpoints.filter((e) => e.path === path).map((e) => e.method));
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'].filter((m) => !documented.has(m))) {
        const endpoint = endpoints.find((e) => e.path === path);
        if (!endpoint) continue;
        expectProblem(await send('admin', urlFor(endpoint), { method, body: '{}' }), `${method} ${path}`);
      }
    }
  });

  it('answers a problem+json 4xx to oversized, mistyped, deep and malformed bodies', async () => {
    const withBody = endpoints.filter((e) => e.op.requestBody);
    const huge = JSON.stringify(Array.from({ length: 40_000 }, () => ({ id: randomUUID(), note: 'x'.repeat(40) })));
    const bodies: [string, string, string | Uint8Array][] = [
      ['oversized JSON', 'application/json', huge],
      ['oversized NDJSON', 'application/x-ndjson', huge.slice(1, -1).replaceAll('},{', '}\n{')],
      ['text/plain', 'text/plain', '[{"id":"x"}]'],
      ['XML', 'application/xml', '<signals><signal id="1"/></signals>'],
      ['form', 'application/x-www-form-urlencoded', 'id=1&wijk=WK000101'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
      ['deep arrays', 'application/json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
      ['deep objects', 'application/json', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
      ['deep NDJSON', 'application/x-ndjson', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
      ['malformed JSON', 'application/json', '[{"id": '],
      ['an object, not an array', 'application/json', '{"id":"x"}'],
      ['an empty array', 'application/json', '[]'],
      ['an empty body', 'application/json', ''],
      ['a number', 'application/json', '1e309'],
      ['invalid UTF-8', 'application/json', new Uint8Array([0x5b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x5d])],
      ['too many items', 'application/json', JSON.stringify(Array.from({ length: 1001 }, () => ({})))],
    ];
    for (const endpoint of withBody) {
      for (const [what, type, body] of bodies) {
        const answer = await send(roleFor(endpoint.op), urlFor(endpoint), {
          method: endpoint.method,
          headers: { 'Content-Type': type },
          body,
        });
        expectProblem(answer, `${endpoint.method} ${endpoint.path} with ${what}`);
      }
    }
  });

  it('rejects hostile values inside the signals of a well-formed body, storing no signal and echoing none', async () => {
    const signal = (field: string, value: unknown) => ({
      id: randomUUID(),
      partner: 'demo-partner',
      sourceKind: 'home_care',
      wijk: 'WK000101',
      areaYear: 2024,
      week: '2025-W09',
      ageBand: '75+',
      severity: 'low',
      count: 1,
      theme: 'loneliness',
      category: 'social',
      [field]: value,
    });
    const fields = ['id', 'wijk', 'week', 'theme', 'category', 'ageBand', 'sourceKind', 'severity'];
    const values = ["' OR 1=1 --", ';DROP TABLE weekly_counts', '<script>alert(1)</script>', 'WK99', '2025-W54'];
    const attacks = fields.flatMap((field) => values.map((v) => signal(field, v)));
    attacks.push(
      signal('count', 10_001),
      signal('count', -1),
      signal('areaYear', '2024; DROP'),
      signal('__proto__', { polluted: 1 }),
    );
    // A hostile partner id is refused for the whole batch (403: these credentials send as one partner only).
    const asOther = values.map((v) => signal('partner', v));
    for (const endpoint of endpoints.filter((e) => e.op.requestBody?.content['application/json'])) {
      for (const [batch, door] of [
        [attacks, [401, 403, 429]],
        [asOther, [401, 429]],
      ] as const) {
        const answer = await send(roleFor(endpoint.op), urlFor(endpoint), {
          method: endpoint.method,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(batch),
        });
        const what = `${endpoint.method} ${endpoint.path} with hostile fields`;
        expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        if (answer.status >= 400) expectProblem(answer, what, [...door]);
        else expect(JSON.parse(answer.body), what).toMatchObject({ accepted: 0, rejected: batch.length });
        for (const fragment of ["' OR 1=1", 'DROP TABLE', '<script>']) expect(answer.body, what).not.toContain(fragment);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps answering, and stored nothing', async () => {
    expect((await send('admin', '/api/v1/health')).status).toBe(200);
    expect((await send('admin', '/api/v1/overview?theme=loneliness')).status).toBe(200);
    expect(await snapshotHash()).toBe(snapshotHashBefore);
    expect(delivered.map((d) => d.signals).filter((n) => n > 0)).toEqual([]);
    // What a rejection keeps is the reason and where: never the hostile value itself.
    const kept = JSON.stringify(delivered.flatMap((d) => d.rejections));
    for (const fragment of ["' OR 1=1", 'DROP TABLE', '<script>']) expect(kept).not.toContain(fragment);
  });
});
