import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { Role } from './roles.ts';

/** The built-in issuer's name and audience; tokens of a configured OIDC issuer never carry these. */
export const LOCAL_ISSUER = 'urn:wijksignaal:local-issuer';
export const LOCAL_AUDIENCE = 'wijksignaal';
/** The claims the local issuer writes (an external issuer's are configurable: AUTH_ROLE_CLAIM, AUTH_PARTNER_CLAIM). */
export const LOCAL_CLAIMS = { roleClaim: 'roles', partnerClaim: 'partner_id' } as const;

const ALG = 'ES256';

export interface TokenRequest {
  subject: string;
  role: Role;
  partnerId?: string;
  ttlSeconds: number;
}

export interface LocalIssuer {
  /** Its public key as a key set, for the verifier. */
  keys: JWTVerifyGetKey;
  sign(request: TokenRequest): Promise<string>;
}

interface StoredKeyPair {
  kid: string;
  alg: typeof ALG;
  createdAt: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export function localIssuerFile(dataDir: string): string {
  return join(dataDir, 'auth', 'local-issuer.json');
}

/**
 * The demo's own token issuer: an ES256 key pair created once in `$DATA_DIR/auth/local-issuer.json`
 * (readable by its owner only), so `npm run token` and the running API of the same DATA_DIR agree.
 */
export async function openLocalIssuer(dataDir: string): Promise<LocalIssuer> {
  const stored = await loadOrCreate(localIssuerFile(dataDir));
  const privateKey = await importJWK(stored.privateJwk, ALG);
  const publicJwk = { ...stored.publicJwk, kid: stored.kid, alg: ALG, use: 'sig' };
  return {
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    sign: ({ subject, role, partnerId, ttlSeconds }) =>
      new SignJWT({ [LOCAL_CLAIMS.roleClaim]: [role], ...(partnerId ? { [LOCAL_CLAIMS.partnerClaim]: partnerId } : {}) })
        .setProtectedHeader({ alg: ALG, kid: stored.kid, typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${Math.max(1, Math.round(ttlSeconds))}s`)
        .sign(privateKey),
  };
}

async function loadOrCreate(file: string): Promise<StoredKeyPair> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredKeyPair;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read the local issuer key ${file}: ${(error as Error).message}; delete it to create a new one`);
    }
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const stored: StoredKeyPair = {
    kid: await calculateJwkThumbprint(publicJwk),
    alg: ALG,
    createdAt: new Date().toISOString(),
    privateJwk: await exportJWK(privateKey),
    publicJwk,
  };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': when the API and `npm run token` create it at the same moment, the first one wins.
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(await readFile(file, 'utf8')) as StoredKeyPair;
    throw error;
  }
  await chmod(file, 0o600); // the mode given to writeFile is filtered by the umask; this one is not
  return stored;
}
