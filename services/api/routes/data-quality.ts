import { OpenAPIHono, z } from '@hono/zod-openapi';
import { dataQualityResponse, type DataQualityResponse } from '@wijksignaal/contracts/data-quality';
import { PARTNER_PATTERN } from '@wijksignaal/contracts/signal';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { affectedWijken, dataQualityAlarms, isRegisteredPartner } from '../queries/data-quality.ts';
import type { RouteDeps } from './route-deps.ts';

const dataQualityQuery = z.object({
  partner: z
    .string()
    .regex(PARTNER_PATTERN, { error: 'must be a partner id: a-z, 0-9 and -, 3 to 64 characters' })
    .optional()
    .openapi({ description: 'Only this partner. A partner system may name its own id only.' }),
});

const dataQualityRoute = apiRoute({
  operationId: 'getDataQualityAlarms',
  method: 'get',
  path: '/data-quality-alarms',
  tags: ['Ingest'],
  summary: 'Partners whose delivery went silent, fell far below usual or whose rejections jumped, and the wijken affected',
  description: [
    'Judged by the pipeline per partner and source kind against the usual weekly volume and rejection share of',
    'the 8 complete delivery weeks before (rules and delays in the user help). Each alarm says why, in Dutch and',
    'English. `affectedWijken` marks the wijken a silent or low-volume stream usually covers, without counts.',
    'A partner sees its own alarms only; asking for another partner is a 403.',
  ].join(' '),
  request: { query: dataQualityQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: dataQualityResponse } } } },
});

/** Data-quality alarms of partners' deliveries: people see every partner, a partner system its own. */
export function dataQualityRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(dataQualityRoute, async (c) => {
    const { partner } = c.req.valid('query');
    const principal = c.get('principal');
    let only = partner;
    if (principal.role === 'partner') {
      const own = principal.partnerId;
      // Another partner's delivery problems are not its business (nor whether it has any).
      if (!own || (partner !== undefined && partner !== own)) {
        throw new ProblemError(
          403,
          'a partner system sees its own data-quality alarms only; leave out partner or name your own id',
        );
      }
      only = own;
    }
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      if (only !== undefined && !(await isRegisteredPartner(conn, only))) {
        const invalidParams = [{ name: 'partner', reason: 'is not a registered partner id' }];
        throw new ProblemError(400, 'partner is not a registered partner id', { invalidParams });
      }
      return {
        alarms: await dataQualityAlarms(conn, only),
        affectedWijken: await affectedWijken(conn, only),
        snapshotSequence: snap.sequence,
      } satisfies DataQualityResponse;
    });
    return c.json(body);
  });
  return router;
}
