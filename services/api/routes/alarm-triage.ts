import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseAlarmId } from '@wijksignaal/contracts/alarm-event';
import {
  actionAccepted,
  alarmTriageRequest,
  alarmTriageResponse,
  type ActionAccepted,
  type AlarmTriageResponse,
} from '@wijksignaal/contracts/alarm-triage-http';
import { THEMES } from '@wijksignaal/contracts/signal';
import type { ApiEnv } from '../auth/api-env.ts';
import type { ActionSink } from '../actions/action-sink.ts';
import { checkedNote } from '../actions/note-guard.ts';
import { actionCommon, sendAction } from '../actions/send-action.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { alarmTriageRows } from '../queries/alarm-triage-rows.ts';
import { registryAreas } from '../queries/registry-areas.ts';
import type { RouteDeps } from './route-deps.ts';

const alarmPath = z.object({
  alarmId: z
    .string()
    .max(100)
    .openapi({
      param: { name: 'alarmId', in: 'path' },
      description: 'The alarm: its wijk, theme and the ISO week it opened (`GET /alarms` gives it as `alarmId`)',
      example: 'WK000101.loneliness.2026-W45',
    }),
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const postTriageRoute = apiRoute({
  operationId: 'createAlarmTriage',
  method: 'post',
  path: '/alarms/{alarmId}/triage',
  tags: ['Alarms'],
  summary: 'Mark an alarm (acknowledged, known event, under investigation, action taken, false alarm) with a note',
  description: [
    'The mark is kept with who set it and when, and shows in the history and in `GET /alarms` after the next',
    'snapshot, in every API process. The note is about the area and what was done, never about a person: a note',
    'that holds personal data (a phone number, e-mail address, BSN, postcode with house number) is refused.',
  ].join(' '),
  request: { params: alarmPath, body: { required: true, content: { 'application/json': { schema: alarmTriageRequest } } } },
  responses: {
    202: {
      description: 'Taken: the mark is stored and shows after the next snapshot',
      content: { 'application/json': { schema: actionAccepted } },
    },
    404: problem('No such wijk or theme in the snapshot'),
  },
});

const getTriageRoute = apiRoute({
  operationId: 'getAlarmTriage',
  method: 'get',
  path: '/alarms/{alarmId}/triage',
  tags: ['Alarms'],
  summary: "An alarm's triage history: every mark with who and when, oldest first",
  request: { params: alarmPath },
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: alarmTriageResponse } } },
    404: problem('No such wijk or theme in the snapshot'),
  },
});

/** The alarm id of the path, parsed, whose wijk the snapshot knows; a 400 or 404 problem otherwise. */
async function knownAlarm(deps: RouteDeps, id: string): Promise<string> {
  const parts = parseAlarmId(id);
  if (!parts || !(THEMES as readonly string[]).includes(parts.theme)) {
    throw new ProblemError(400, 'alarmId must be <wijk code>.<theme>.<ISO week>, e.g. WK000101.loneliness.2026-W45', {
      invalidParams: [{ name: 'alarmId', reason: 'must be <wijk code>.<theme>.<ISO week>' }],
    });
  }
  const registry = await deps.snapshots.withSnapshot((conn, snap) =>
    deps.cache.get(snap, 'registry-areas', () => registryAreas(conn)),
  );
  const known = registry.areas.has(parts.wijk) || [...registry.areas.values()].some((a) => a.gemeente === parts.wijk);
  if (!known) throw new ProblemError(404, `no wijk or gemeente ${parts.wijk} in the area registry`);
  return id;
}

/** Triage of alarms (issue 11 part 4): marks go to the actions topic, the history comes from the snapshot. */
export function alarmTriageRoutes(deps: RouteDeps & { actionSink: ActionSink | undefined }): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(postTriageRoute, async (c) => {
    const alarmId = await knownAlarm(deps, c.req.valid('param').alarmId);
    const body = c.req.valid('json');
    const note = checkedNote(body.note);
    const action = { type: 'alarm.triage' as const, ...actionCommon(c), alarmId, status: body.status, note };
    await sendAction(c, deps.actionSink, action);
    return c.json({ actionId: action.actionId, shownAfterNextSnapshot: true } satisfies ActionAccepted, 202);
  });
  router.openapi(getTriageRoute, async (c) => {
    const alarmId = await knownAlarm(deps, c.req.valid('param').alarmId);
    const body = await deps.cache.answer(deps.snapshots, `alarm-triage|${alarmId}`, async (conn, snap) => {
      const history = await alarmTriageRows(conn, alarmId);
      return JSON.stringify({
        alarmId,
        current: history.at(-1) ?? null,
        history,
        snapshotSequence: snap.sequence,
      } satisfies AlarmTriageResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
