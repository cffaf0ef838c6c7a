import { OpenAPIHono, z } from '@hono/zod-openapi';
import { subscriptionDigestResponse, type SubscriptionDigestResponse } from '@wijksignaal/contracts/alarm-notification';
import { readSubscription } from '@wijksignaal/alarm-delivery/read-subscriptions';
import { lastCompleteWeek, subscriptionDigest } from '@wijksignaal/alarm-delivery/subscription-digest';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, problemSchema } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { weekParam } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const digestPath = z.object({
  id: z.uuid({ error: 'must be a subscription id (a UUID)' }).openapi({ description: 'The subscription id' }),
});
const digestQuery = z.object({
  week: z
    .preprocess((value) => (value === '' ? undefined : value), weekParam.optional())
    .openapi({
      description: 'A complete ISO week (YYYY-Www); default: the last complete week',
    }),
});

const digestRoute = apiRoute({
  operationId: 'getSubscriptionDigest',
  method: 'get',
  path: '/subscriptions/{id}/digest',
  tags: ['Analytics'],
  summary: "A subscription's weekly digest: the alarms opened, escalated and closed in one complete week",
  description: [
    "The alarm events of the week in the subscription's wijken and gemeenten and themes, oldest first: which",
    'alarm, where, which theme and level, which method and method version. No counts: the wijk page shows them,',
    "protected. The same digest goes to the subscription's webhook once a week. Only the subscription's owner",
    '(and an admin) may read it; anyone else gets a 403, an unknown id a 404.',
  ].join(' '),
  request: { params: digestPath, query: digestQuery },
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: subscriptionDigestResponse } } },
    404: {
      description: 'No subscription with this id in the snapshot being served',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
});

/** GET /subscriptions/{id}/digest: the page behind a digest link, from the same function as the webhook's digest. */
export function subscriptionDigestRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(digestRoute, async (c) => {
    const { id } = c.req.valid('param');
    const complete = lastCompleteWeek(deps.now());
    const week = c.req.valid('query').week ?? complete;
    if (week > complete) {
      const reason = `must be a complete week, ${complete} or earlier`;
      throw new ProblemError(400, `week ${reason}`, { invalidParams: [{ name: 'week', reason }] });
    }
    const principal = c.get('principal');
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const subscription = await readSubscription(conn, id);
      if (!subscription) throw new ProblemError(404, `no subscription ${id}; it may have been deleted`);
      // Whose areas someone follows is their own business: the owner sees the digest, and an admin.
      if (subscription.owner !== principal.subject && principal.role !== 'admin') {
        throw new ProblemError(403, "a subscription's digest is for its owner only");
      }
      return {
        subscriptionId: subscription.id,
        week,
        wijken: [...subscription.wijken],
        gemeenten: [...subscription.gemeenten],
        themes: [...subscription.themes],
        events: await subscriptionDigest(conn, subscription, week),
        snapshotSequence: snap.sequence,
      } satisfies SubscriptionDigestResponse;
    });
    return c.json(body, 200);
  });
  return router;
}
