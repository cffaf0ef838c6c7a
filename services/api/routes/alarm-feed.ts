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

const feedQuery = z.object({
  after: z.coerce
    .number({ error: 'must be a whole number: the latestSeq of an earlier answer' })
    .int({ error: 'must be a whole number: the latestSeq of an earlier answer' })
    .min(0, { error: 'must be a whole number: the latestSeq of an earlier answer' })
    .optional()
    .openapi({
      description: 'Only events after this seq (the `latestSeq` of an earlier answer). Without it: none, only `latestSeq`.',
    }),
});

const feedRoute = apiRoute({
  operationId: 'getAlarmFeed',
  method: 'get',
  path: '/alarm-feed',
  tags: ['Analytics'],
  summary: 'New and escalated alarms since an earlier answer, for live updates',
  description: [
    `Alarm events of kind opened or escalated after \`after\`, oldest first, at most ${ALARM_FEED_LIMIT}: which alarm,`,
    'where, theme, week, level and method, and no counts. For a user with subscriptions, the events their',
    'subscriptions follow; otherwise every event. Ask again with `after=latestSeq` when `/snapshot-events` says a',
    'new snapshot is there.',
  ].join(' '),
  request: { query: feedQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: alarmFeedResponse } } } },
});

/** GET /alarm-feed: what the dashboard announces when a snapshot brings new or escalated alarms. */
export function alarmFeedRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(feedRoute, async (c) => {
    const { after } = c.req.valid('query');
    const subject = c.get('principal').subject;
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const latestSeq = await latestAlarmEventSeq(conn);
      let events: AlarmFeedResponse['events'] = [];
      if (after !== undefined) {
        const own = (await readSubscriptions(conn)).filter((s) => s.owner === subject);
        const all = await readAlarmEvents(conn, { kinds: PUSHED_KINDS, afterSeq: after });
        events = (own.length === 0 ? all : all.filter((e) => own.some((s) => matchesSubscription(s, e)))).slice(
          0,
          ALARM_FEED_LIMIT,
        );
      }
      // More than one page: the next `after` is the last one listed, so nothing is skipped.
      const next = events.length === ALARM_FEED_LIMIT ? events.at(-1)!.seq : latestSeq;
      return { events, latestSeq: next, snapshotSequence: snap.sequence } satisfies AlarmFeedResponse;
    });
    return c.json(body, 200);
  });
  return router;
}
