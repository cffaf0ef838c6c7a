import { z } from 'zod';

/** Sign-in at the built-in local issuer of the demo (`POST /api/v1/sessions`). */
export const sessionRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type SessionRequest = z.infer<typeof sessionRequest>;

export const roleName = z.enum(['epidemiologist', 'team_lead', 'partner', 'admin']);

export const sessionResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the token expires. */
  expiresIn: z.number().int(),
  role: roleName,
  partnerId: z.string().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

/** The demo users the login page offers (`GET /api/v1/demo-users`, only with the local issuer). */
export const demoUsersResponse = z.object({
  password: z.string(),
  users: z.array(z.object({ username: z.string(), role: roleName, partnerId: z.string().optional() })),
});
export type DemoUsersResponse = z.infer<typeof demoUsersResponse>;
