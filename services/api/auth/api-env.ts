import type { Authenticate } from './authenticate.ts';
import type { Principal } from './roles.ts';

/** What the app's middleware puts on every request context for the routes. */
export interface ApiEnv {
  Variables: {
    authenticate: Authenticate;
    /** Set by the role guard on protected routes; absent on public ones. */
    principal: Principal;
    /** Set for every request by ops/request-telemetry.ts: echoed in X-Request-Id, problems and the log. */
    requestId: string;
  };
}
