import type { OpenAPIHono } from '@hono/zod-openapi';
import { demoUsersResponse, sessionRequest, sessionResponse, type SessionResponse } from '@wijksignaal/contracts/session';
import type { ApiEnv } from '../auth/api-env.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../auth/demo-users.ts';
import type { LocalSignIn } from '../auth/local-sign-in.ts';
import { apiRoute, apiRouter, problemSchema } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

const NO_LOCAL_SIGN_IN =
  "this server has no local sign-in: sign in at your organisation's identity provider and send its token as Authorization: Bearer";

const createSessionRoute = apiRoute({
  operationId: 'createSession',
  method: 'post',
  path: '/sessions',
  tags: ['Sign-in'],
  summary: 'Sign in as a demo user of the built-in local issuer and get a bearer token',
  description: 'Only when the server runs without AUTH_ISSUER (the demo of `npm start`).',
  request: { body: { required: true, content: { 'application/json': { schema: sessionRequest } } } },
  responses: {
    200: { description: 'A bearer token for the user', content: { 'application/json': { schema: sessionResponse } } },
    401: problem('The username or password is wrong'),
    404: problem('This server has no local sign-in; use the identity provider'),
  },
});

const demoUsersRoute = apiRoute({
  operationId: 'getDemoUsers',
  method: 'get',
  path: '/demo-users',
  tags: ['Sign-in'],
  summary: 'The demo users of the built-in local issuer, one per role, for the login page',
  responses: {
    200: { description: 'The demo users and their password', content: { 'application/json': { schema: demoUsersResponse } } },
    404: problem('This server has no local sign-in; use the identity provider'),
  },
});

/** Sign-in for the demo: public, and answering only when the built-in local issuer is on. */
export function sessionRoutes(localSignIn: LocalSignIn | undefined): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(createSessionRoute, async (c) => {
    if (!localSignIn) throw new ProblemError(404, NO_LOCAL_SIGN_IN);
    const { username, password } = c.req.valid('json');
    const session = await localSignIn.signIn(username, password);
    if (!session) throw new ProblemError(401, 'the username or password is wrong');
    const { user } = session;
    const body: SessionResponse = {
      accessToken: session.accessToken,
      tokenType: 'Bearer',
      expiresIn: localSignIn.ttlSeconds,
      role: user.role,
      ...(user.partnerId ? { partnerId: user.partnerId } : {}),
    };
    return c.json(body, 200);
  });

  router.openapi(demoUsersRoute, (c) => {
    if (!localSignIn) throw new ProblemError(404, NO_LOCAL_SIGN_IN);
    return c.json({ password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ ...u })) }, 200);
  });

  return router;
}
