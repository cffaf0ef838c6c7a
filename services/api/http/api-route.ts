import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/api-env.ts';
import type { CachedJson } from '../db/cached-json.ts';
import { invalidParamsProblem } from './invalid-params-problem.ts';
import type { Context, TypedResponse } from 'hono';
import { rolesFor, type OperationId } from '../auth/role-matrix.ts';
import { roleGuard } from '../auth/role-guard.ts';
import { limitGuard } from '../limits/limit-guard.ts';
import { routePath } from 'hono/route';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { createMiddleware } from 'hono/factory';
import { etagMatches } from './etag-matches.ts';

/** RFC 9457 problem details as this API writes them (with NLGov's `invalidParams` on a 400). */
export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: 'theme must be one of loneliness, school_absence, escalation' }),
    invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    requestId: z
      .string()
      .optional()
      .openapi({ description: 'The id of this request (also in `X-Request-Id`), to quote when reporting a problem' }),
  })
  .openapi('Problem');

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Every successful response carries the full API version (NLGov ADR /core/version-header). */
export const versionHeader = z.object({
  'API-Version': z.string().openapi({ description: 'The full version of this API', example: '1.0.0' }),
});

const COMMON_ERRORS = {
  400: problemResponse('A parameter or the body is invalid; `invalidParams` names each one and what is allowed'),
  429: problemResponse('Too many requests; wait for the number of seconds in `Retry-After`'),
  500: problemResponse('The server could not answer; the cause is in its log'),
  503: problemResponse(
    'No snapshot is being served yet, or the queries took longer than the server allows; retry after `Retry-After` seconds',
  ),
};
const PROTECTED_ERRORS = {
  401: problemResponse('No valid bearer token or API key'),
  403: problemResponse('The role of the token or API key may not use this operation'),
};

type ApiRouteConfig = Omit<RouteConfig, 'middleware'> & { operationId: OperationId };

/**
 * A route of /api/v1 as the OpenAPI document describes it: the standard problem responses, the
 * API-Version header on every 2xx, the role check and security requirement from the role matrix, and the
 * subject's limit for the operation (limits/operation-limits.ts).
 */
export function apiRoute<const C extends ApiRouteConfig>(config: C) {
  const roles = rolesFor(config.operationId);
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(config.responses)) {
    responses[status] = /^2\d\d$/.test(status) && 'description' in response ? { ...response, headers: versionHeader } : response;
  }
  const isPublic = roles === 'public';
  const security: { [scheme: string]: string[] }[] = isPublic ? [] : [{ bearer: [] }, { apiKey: [] }];
  return createRoute({
    ...config,
    description: [config.description, isPublic ? 'Public: no credentials needed.' : `Roles: ${roles.join(', ')}.`]
      .filter(Boolean)
      .join('\n\n'),
    responses: { ...COMMON_ERRORS, ...(isPublic ? {} : PROTECTED_ERRORS), ...responses } as C['responses'],
    security,
    middleware: [nameOperation(config.operationId), roleGuard(config.operationId), limitGuard(config.operationId)] as const,
  });
}

/**
 * Puts the operation on the context, and the ISO week before the handler reads the clock: jsonText
 * remembers both with the answer, for the fast path's role check and its staleness. Taken first, a week
 * that turns during the request leaves the answer stale at once, never served in the new week.
 */
function nameOperation(operationId: OperationId) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    c.set('operationId', operationId);
    if (c.var.now) c.set('answerWeek', isoWeekFromDate(c.var.now()));
    await next();
  });
}

/**
 * Answers with JSON serialised once per snapshot (PerSnapshotCache.json), sent gzipped from the same cache
 * when the client accepts it (the compress middleware leaves an encoded response alone), with an ETag, and
 * a 304 without body when `If-None-Match` names it. The answer is remembered for its request target, so the
 * fast path (http/fast-path.ts) can send the same bytes again. Its shape is checked where the text is built
 * (`satisfies` the response type), so the typed-response check is waived.
 */
export async function jsonText(c: Context<ApiEnv>, body: CachedJson): Promise<TypedResponse<never, 200, 'json'>> {
  const url = new URL(c.req.url);
  c.var.rememberedAnswers?.remember(url.pathname + url.search, {
    operationId: c.var.operationId,
    route: routePath(c),
    body,
    snapshotFile: body.snapshotFile,
    week: c.var.answerWeek,
  });
  const gzip = acceptsGzip(c.req.header('accept-encoding'));
  const etag = body.etag(gzip ? 'gzip' : 'identity');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ETag: etag };
  let response: Response;
  if (etagMatches(c.req.header('if-none-match'), etag)) response = c.body(null, 304, headers);
  else if (gzip) response = c.body(new Uint8Array(await body.gzipped()), 200, { ...headers, 'Content-Encoding': 'gzip' });
  else response = c.body(body.text, 200, headers);
  return response as unknown as TypedResponse<never, 200, 'json'>;
}

/** Whether `Accept-Encoding` lists gzip (the dashboard's browsers and the bench always do). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return /\bgzip\b/i.test(acceptEncoding ?? '');
}

/** A router for one resource: its operations' parameters and bodies are validated into 400 problems. */
export function apiRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({ strict: true, defaultHook: invalidParamsProblem });
}
