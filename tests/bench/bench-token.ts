import { openLocalIssuer } from '../../services/api/auth/local-issuer.ts';
import type { Role } from '../../services/api/auth/roles.ts';

/**
 * `Authorization` for the API the bench starts on `dataDir`: a token of that DATA_DIR's built-in local
 * issuer, the same one `npm run token` prints. Call it before the API starts, so the API reads the key
 * pair this creates instead of racing to create its own.
 */
export async function benchAuthorization(dataDir: string, role: Role = 'epidemiologist'): Promise<string> {
  const issuer = await openLocalIssuer(dataDir);
  return `Bearer ${await issuer.sign({ subject: 'bench', role, ttlSeconds: 3600 })}`;
}
