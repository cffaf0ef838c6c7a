/**
 * The broker's own principals. Partners get `partner-<id>`, so no partner id can take an internal name.
 * Only the broker and the admin are super users; the others have exactly the ACLs of acl-bindings.ts.
 */
export const INTERNAL_PRINCIPALS = {
  broker: 'wijksignaal-broker',
  admin: 'wijksignaal-admin',
  pipeline: 'wijksignaal-pipeline',
  api: 'wijksignaal-api',
  /** The demo simulator, which stands in for every demo partner at once. */
  demoPartners: 'wijksignaal-demo-partners',
} as const;
export type InternalPrincipal = keyof typeof INTERNAL_PRINCIPALS;

export function partnerPrincipal(partner: string): string {
  return `partner-${partner}`;
}

/** The certificate subject of the broker itself; its mTLS identity on the controller listener. */
export const BROKER_CERT_PRINCIPAL = 'CN=wijksignaal-broker';
