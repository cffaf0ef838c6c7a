import type { DemoUsersResponse, SessionRequest, SessionResponse } from '@wijksignaal/contracts/session';
import { ApiError, apiErrorFromResponse } from './api-error.ts';
import { getJson, request, type RequestOptions } from './api-request.ts';

/**
 * Signs in at the built-in local issuer of the demo. A wrong password is an ApiError with status 401 (no
 * redirect: the login page shows it); a server with an organisation's identity provider answers 404.
 */
export async function signIn(credentials: SessionRequest, options: RequestOptions = {}): Promise<SessionResponse> {
  const response = await request(
    '/sessions',
    {
      method: 'POST',
      headers: { accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    },
    options,
  );
  if (!response.ok) throw await apiErrorFromResponse(response);
  return (await response.json()) as SessionResponse;
}

/** The demo users for the login page, or null when this server has no local sign-in. */
export async function getDemoUsers(options?: RequestOptions): Promise<DemoUsersResponse | null> {
  try {
    return await getJson<DemoUsersResponse>('/demo-users', options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
