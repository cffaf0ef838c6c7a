import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { alarmTriageResponse, type AlarmTriageResponse } from '@wijksignaal/contracts/alarm-triage-http';
import { DLQ_HEADERS } from '@wijksignaal/contracts/topics';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { apiToken, DEMO_USERS } from '../support/dashboard-session.ts';
import { pipelineArgs, produceJson, readAll, topicArgs, uniqueTopicNames, type TopicNames } from '../support/kafka-kit.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { secureKafka, type SecureKafka } from '../support/secure-kafka.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Issue 11's "acknowledging and marking an alarm is role-checked, audited, survives an API restart, and shows to
 * the other role", with the real parts: the broker over SASL_SSL with the production ACLs, the pipeline and the
 * API as processes (each as its own principal), the API's own sign-in. The mark travels API → actions topic →
 * pipeline (stored once, with the offsets) → snapshot → every API process.
 */
let secure: SecureKafka;
let names: TopicNames;
let dataDir: string;
let pipeline: ChildService;
let api: ChildService;
let baseUrl: string;
const WIJK = generateDemoRegion().areas[0]!.code;
const ALARM = `${WIJK}.loneliness.2026-W45`;
const NOTE = 'Buurtfeest in het park; wijkteam heeft de organisatie gesproken.';

function startPipeline(): ChildService {
  return spawnService('pipelines/main.ts', pipelineArgs(names), {
    DATA_DIR: dataDir,
    ...secure.env('pipeline'),
    KAFKA_SESSION_TIMEOUT_MS: '3000',
    SNAPSHOT_INTERVAL_MS: '250',
  });
}

async function startApi(): Promise<ChildService> {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnService('services/api/main.ts', ['--port', String(port), ...topicArgs(names)], {
    DATA_DIR: dataDir,
    ...secure.env('api'),
  });
  await waitFor(
    async () => {
      if (child.child.exitCode !== null) throw new Error(`the API exited: ${child.stderr.join('').slice(-300)}`);
      return (await fetch(`${baseUrl}/api/v1/ready`).catch(() => null))?.status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 200, what: 'the API to serve a snapshot' },
  );
  return child;
}

async function as(user: keyof typeof DEMO_USERS) {
  return { authorization: `Bearer ${await apiToken(baseUrl, DEMO_USERS[user])}` };
}

async function mark(user: keyof typeof DEMO_USERS, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/alarms/${ALARM}/triage`, {
    method: 'POST',
    headers: { ...(await as(user)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function history(user: keyof typeof DEMO_USERS): Promise<AlarmTriageResponse> {
  const res = await fetch(`${baseUrl}/api/v1/alarms/${ALARM}/triage`, { headers: await as(user) });
  expect(res.status).toBe(200);
  return alarmTriageResponse.parse(await res.json());
}

function historyHolds(user: keyof typeof DEMO_USERS, ok: (h: AlarmTriageResponse) => boolean, what: string) {
  return waitFor(
    async () => {
      const h = await history(user);
      return ok(h) ? h : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, what },
  );
}

function auditLines(): Record<string, unknown>[] {
  const dir = join(dataDir, 'audit');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  secure = await secureKafka();
  names = uniqueTopicNames('triage');
  await secure.provision(names);
  dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-triage-'));
  pipeline = startPipeline();
  api = await startApi();
});
afterAll(async () => {
  await Promise.all([api?.stop(), pipeline?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('triage of an alarm through the real broker, pipeline and API', () => {
  let actionId: string;

  it('a team lead marks an alarm; a partner is refused, a note about a person is a one-line problem', async () => {
    const refused = await mark('partner', { status: 'acknowledged' });
    expect(refused.status).toBe(403);
    const personal = await mark('team_lead', { status: 'investigating', note: 'Mevrouw belt terug op 06-12345678' });
    expect(personal.status).toBe(400);
    expect(personal.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await personal.json()) as { detail: string };
    expect(problem.detail).toMatch(/^note looks like it holds a phone number; .*never about a person$/);
    expect(problem.detail).not.toContain('12345678');

    const res = await mark('team_lead', { status: 'known_event', note: NOTE });
    expect(res.status).toBe(202);
    ({ actionId } = (await res.json()) as { actionId: string });
    const shown = await historyHolds('epidemiologist', (h) => h.history.length === 1, 'the mark in a snapshot');
    expect(shown.current).toMatchObject({
      actionId,
      status: 'known_event',
      note: NOTE,
      by: { subject: 'teamleider', role: 'team_lead' },
    });
    expect(Date.parse(shown.current!.at)).toBeGreaterThan(Date.now() - 300_000);
  });

  it('is in the audit trail with who, what and when, without the note', () => {
    const lines = auditLines().filter((l) => l.route === '/api/v1/alarms/:alarmId/triage' && l.method === 'POST');
    expect(lines.map((l) => [l.subject, l.role, l.status, l.target, l.area])).toEqual([
      ['partner-thuiszorg', 'partner', 403, ALARM, WIJK],
      ['teamleider', 'team_lead', 400, ALARM, WIJK],
      ['teamleider', 'team_lead', 202, ALARM, WIJK],
    ]);
    expect(lines[2]!.action).toEqual({ type: 'alarm.triage', id: actionId, status: 'known_event' });
    expect(typeof lines[2]!.time).toBe('string');
    expect(JSON.stringify(auditLines())).not.toContain('Buurtfeest');
  });

  it('survives an API restart: the epidemiologist sees the mark with who and when from the new process', async () => {
    await api.stop();
    api = await startApi();
    const after = await history('epidemiologist');
    expect(after.history.map((h) => [h.actionId, h.status, h.by.subject, h.by.role])).toEqual([
      [actionId, 'known_event', 'teamleider', 'team_lead'],
    ]);
  });

  it('stores a redelivered action once and dead-letters a poison one with a reason, also across a pipeline restart', async () => {
    const again: UserAction = {
      type: 'alarm.triage',
      actionId: crypto.randomUUID(),
      by: { subject: 'epidemioloog', role: 'epidemiologist' },
      at: new Date().toISOString(),
      alarmId: ALARM,
      status: 'investigating',
      note: null,
    };
    // Only the API may write the actions topic: a partner's (or the simulator's) credentials are refused.
    await expect(produceJson(secure.as('demoPartners'), names.actions, [{ key: ALARM, value: again }])).rejects.toThrow(
      /not authorized/i,
    );
    await produceJson(secure.as('api'), names.actions, [
      { key: ALARM, value: again },
      { key: ALARM, value: '{not json' },
      { key: ALARM, value: again },
    ]);
    await historyHolds('epidemiologist', (h) => h.history.some((e) => e.actionId === again.actionId), 'the redelivered action');
    const letters = await readAll(secure.as('admin'), names.dlq, {
      expected: (m) => m.some((l) => l.headers[DLQ_HEADERS.topic] === names.actions),
      timeoutMs: 60_000,
    });
    const poison = letters.filter((l) => l.headers[DLQ_HEADERS.topic] === names.actions);
    expect(poison.map((l) => [l.headers[DLQ_HEADERS.reason], l.headers[DLQ_HEADERS.offset], l.value])).toEqual([
      ['malformed_json', '2', null],
    ]);

    await pipeline.stop();
    pipeline = startPipeline();
    await pipeline.waitForEvent((e) => e.event === 'consumer.assigned', 'the restarted pipeline to consume');
    const mark2 = await mark('epidemiologist', { status: 'action_taken', note: 'Extra inloopspreekuur in het buurthuis.' });
    expect(mark2.status).toBe(202);
    const final = await historyHolds('team_lead', (h) => h.current?.status === 'action_taken', 'the mark after the restart');
    expect(final.history.map((h) => h.status)).toEqual(['known_event', 'investigating', 'action_taken']);
    const lettersAfter = await readAll(secure.as('admin'), names.dlq, { expected: letters.length, timeoutMs: 10_000 });
    expect(lettersAfter.filter((l) => l.headers[DLQ_HEADERS.topic] === names.actions)).toHaveLength(1);
  });
});
