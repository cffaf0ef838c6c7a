import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles.ts';

/** A person of the demo (`npm start`), signing in at the built-in local issuer. */
export interface DemoUser {
  username: string;
  role: Role;
  partnerId?: string;
}

/** One per role; the partner is one of the demo partners the simulator sends as (contracts/demo-partners.ts). */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'epidemioloog', role: 'epidemiologist' },
  { username: 'teamleider', role: 'team_lead' },
  { username: 'partner-thuiszorg', role: 'partner', partnerId: 'thuiszorg-demo' },
  { username: 'beheerder', role: 'admin' },
];

/** Shown on the login page: the demo is not a place for secrets, only for trying each role. */
export const DEMO_PASSWORD = 'demo';

/** The demo user with these credentials, or undefined; the password compare takes the same time either way. */
export function findDemoUser(username: string, password: string): DemoUser | undefined {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const passwordOk = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  const user = DEMO_USERS.find((u) => u.username === username);
  return passwordOk ? user : undefined;
}
