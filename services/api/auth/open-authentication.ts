import type { AuthConfig } from '../config.ts';
import { ApiKeyStore, apiKeyFile } from './api-key-store.ts';
import type { Authenticate } from './authenticate.ts';
import { credentialsAuthenticate } from './credentials-authenticate.ts';
import { findDemoUser } from './demo-users.ts';
import { discoveredJwks } from './discovered-jwks.ts';
import { createJwtVerifier } from './jwt-verifier.ts';
import { LOCAL_AUDIENCE, LOCAL_CLAIMS, LOCAL_ISSUER, openLocalIssuer } from './local-issuer.ts';
import type { LocalSignIn } from './local-sign-in.ts';

export interface Authentication {
  authenticate: Authenticate;
  /** Present only with the built-in local issuer: the demo users' sign-in. */
  localSignIn?: LocalSignIn;
  /** One line for the start-up log: who signs the tokens this API accepts. */
  description: string;
}

/**
 * The real authentication from the configuration: an OIDC issuer's keys when AUTH_ISSUER is set,
 * otherwise the built-in local issuer of this DATA_DIR; partner API keys either way.
 */
export async function openAuthentication(config: AuthConfig, dataDir: string): Promise<Authentication> {
  const apiKeys = new ApiKeyStore(apiKeyFile(dataDir));
  if (config.issuer) {
    const verify = createJwtVerifier({
      issuer: config.issuer,
      audience: config.audience ?? '',
      roleClaim: config.roleClaim,
      partnerClaim: config.partnerClaim,
      keys: discoveredJwks(config.issuer, config.jwksUrl),
    });
    return {
      authenticate: credentialsAuthenticate(verify, apiKeys),
      description: `tokens of ${config.issuer} (audience ${config.audience}, role claim ${config.roleClaim})`,
    };
  }
  const issuer = await openLocalIssuer(dataDir);
  const verify = createJwtVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, ...LOCAL_CLAIMS, keys: issuer.keys });
  const ttlSeconds = config.tokenTtlMinutes * 60;
  return {
    authenticate: credentialsAuthenticate(verify, apiKeys),
    localSignIn: {
      ttlSeconds,
      async signIn(username, password) {
        const user = findDemoUser(username, password);
        if (!user) return undefined;
        const accessToken = await issuer.sign({ subject: user.username, role: user.role, partnerId: user.partnerId, ttlSeconds });
        return { accessToken, user };
      },
    },
    description: 'the built-in local issuer with demo users (set AUTH_ISSUER to use your identity provider)',
  };
}
