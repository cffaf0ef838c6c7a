/** The roles of DESIGN.md §7. A token or API key carries exactly one. */
export const ROLES = ['epidemiologist', 'team_lead', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is asking: a person (bearer token) or a partner system (API key or partner token). */
export interface Principal {
  /** The token's `sub`, or `api-key:<key id>` for a partner system. */
  subject: string;
  role: Role;
  /** Set for the partner role only: the one partner id this principal may deliver and read status as. */
  partnerId?: string;
  /** A token's `exp`: an open event stream ends then. Absent for an API key, which lasts until it is revoked. */
  expiresAt?: Date;
}
