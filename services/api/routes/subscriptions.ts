import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  subscriptionAccepted,
  subscriptionRequest,
  subscriptionsResponse,
  type SubscriptionAccepted,
  type SubscriptionsResponse,
} from '@wijksignaal/contracts/subscription-http';
import type { ApiEnv } from '../auth/api-env.ts';
import type { ActionSink } from '../actions/action-sink.ts';
import { actionCommon, sendAction } from '../actions/send-action.ts';
import { checkedWebhookUrl } from '../actions/webhook-url.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { ownSubscriptions } from '../queries/own-subscriptions.ts';
import type { RouteDeps } from './route-deps.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const subscriptionPath = z.object({
  subscriptionId: z.uuid().openapi({
    param: { name: 'subscriptionId', in: 'path' },
    description: 'One of your subscriptions (`GET /subscriptions`)',
    example: '3f0c1b7e-5a4d-4c1e-9f3a-2b6d8e9a1c00',
  }),
});

const postRoute = apiRoute({
  operationId: 'createSubscription',
  method: 'post',
  path: '/subscriptions',
  tags: ['Subscriptions'],
  summary: 'Follow wijken and/or gemeenten and themes, optionally with a webhook',
  description: 'Shows in `GET /subscriptions` after the next snapshot. The webhook must be https.',
  request: { body: { required: true, content: { 'application/json': { schema: subscriptionRequest } } } },
  responses: {
    202: {
      description: 'Taken: shows after the next snapshot',
      content: { 'application/json': { schema: subscriptionAccepted } },
    },
  },
});

const listRoute = apiRoute({
  operationId: 'getSubscriptions',
  method: 'get',
  path: '/subscriptions',
  tags: ['Subscriptions'],
  summary: 'Your own subscriptions',
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: subscriptionsResponse } } } },
});

const deleteRoute = apiRoute({
  operationId: 'deleteSubscription',
  method: 'delete',
  path: '/subscriptions/{subscriptionId}',
  tags: ['Subscriptions'],
  summary: 'Stop one of your subscriptions',
  description: 'Gone from `GET /subscriptions` after the next snapshot.',
  request: { params: subscriptionPath },
  responses: {
    202: {
      description: 'Taken: gone after the next snapshot',
      content: { 'application/json': { schema: subscriptionAccepted } },
    },
    404: problem('You have no subscription with this id'),
  },
});

/**
 * Subscriptions (issue 11 part 5, the stored side): written as actions, read from the snapshot. Answers are
 * per subject, so they are never remembered for the fast path (which checks the role only) and never cached.
 */
export function subscriptionRoutes(
  deps: RouteDeps & { actionSink: ActionSink | undefined; localWebhooks: boolean },
): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  const own = (subject: string) => deps.snapshots.withSnapshot((conn) => ownSubscriptions(conn, subject));

  router.openapi(postRoute, async (c) => {
    const body = c.req.valid('json');
    const webhookUrl = checkedWebhookUrl(body.webhookUrl, deps.localWebhooks);
    const subscriptionId = crypto.randomUUID();
    const action = {
      type: 'subscription.put' as const,
      ...actionCommon(c),
      subscriptionId,
      wijken: [...new Set(body.wijken)],
      gemeenten: [...new Set(body.gemeenten)],
      themes: [...new Set(body.themes)],
      webhookUrl,
    };
    await sendAction(c, deps.actionSink, action);
    return c.json(
      { actionId: action.actionId, subscriptionId, shownAfterNextSnapshot: true } satisfies SubscriptionAccepted,
      202,
    );
  });
  router.openapi(listRoute, async (c) => {
    const subscriptions = await own(c.get('principal').subject);
    return c.json({ subscriptions } satisfies SubscriptionsResponse, 200);
  });
  router.openapi(deleteRoute, async (c) => {
    const { subscriptionId } = c.req.valid('param');
    // Someone else's id is as unknown as a made-up one: nothing says it exists.
    const mine = await own(c.get('principal').subject);
    if (!mine.some((s) => s.subscriptionId === subscriptionId))
      throw new ProblemError(404, `you have no subscription ${subscriptionId}`);
    const action = { type: 'subscription.delete' as const, ...actionCommon(c), subscriptionId };
    await sendAction(c, deps.actionSink, action);
    return c.json(
      { actionId: action.actionId, subscriptionId, shownAfterNextSnapshot: true } satisfies SubscriptionAccepted,
      202,
    );
  });
  return router;
}
