import { OpenAPIHono, z } from '@hono/zod-openapi';
import { alarmFeedResponse, PUSHED_KINDS, type AlarmFeedResponse } from '@wijksignaal/contracts/alarm-notification';
import { latestAlarmEventSeq, readAlarmEvents } from '@wijksignaal/alarm-delivery/read-alarm-events';
import { readSubscriptions } from '@wijksignaal/alarm-delivery/read-subscriptions';
import { matchesSubscription } from '@wijksignaal/alarm-delivery/subscription-match';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

/** The most events one answer lists: a dashboard asks again with the last seq it got. */
export const ALARM_FEED_LIMIT = 50;

const SINCE_RULE = 'must be a whole number of at least 0: the `next` of an earlier answer';
const feedQuery = z.object({
  since: z.coerce.number({ error: SINCE_RULE }).int({ error: SINCE_RULE }).min(0, { error: SINCE_RULE }).optional().openapi({
    description: 'Events from this seq on (the `next` of an earlier answer). Without it: none, only `next`.',
  }),
});

const feedRoute = apiRoute({
  operationId: 'getAlarmFeed',
  method: 'get',
  path: '/alarm-feed',
  tags: ['Analytics'],
  summary: 'New and escalated alarms since an earlier answer, for live updates',
  description: [
    `Alarm events of kind opened or escalated from seq \`since\` on, oldest first, at most ${ALARM_FEED_LIMIT}: which alarm,`,
    'where, theme, week, level and method, and no counts. For a user with subscriptions, the events their',
    'subscriptions follow; otherwise every event. Ask again with `since=next` when `/snapshot-events` says a',
    'new snapshot is there.',
  ].join(' '),
  request: { query: feedQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: alarmFeedResponse } } } },
});

/** GET /alarm-feed: what the dashboard announces when a snapshot brings new or escalated alarms. */
export function alarmFeedRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(feedRoute, async (c) => {
    const { since } = c.req.valid('query');
    const subject = c.get('principal').subject;
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const latestSeq = await latestAlarmEventSeq(conn);
      let events: AlarmFeedResponse['events'] = [];
      if (since !== undefined) {
        const own = (await readSubscriptions(conn)).filter((s) => s.owner === subject);
        const all = await readAlarmEvents(conn, { kinds: PUSHED_KINDS, afterSeq: since - 1 });
        events = (own.length === 0 ? all : all.filter((e) => own.some((s) => matchesSubscription(s, e)))).slice(
          0,
          ALARM_FEED_LIMIT,
        );
      }
      // More than one page: the next request starts after the last one listed, so nothing is skipped.
      const next = events.length === ALARM_FEED_LIMIT ? events.at(-1)!.seq + 1 : latestSeq === null ? 0 : latestSeq + 1;
      return { events, next, snapshotSequence: snap.sequence } satisfies AlarmFeedResponse;
    });
    return c.json(body, 200);
  });
  return router;
}
