import { parseArgs } from 'node:util';
import { ConfigError, parseApiConfig } from '../config.ts';
import { runCli } from './run-cli.ts';
import { openLocalIssuer } from './local-issuer.ts';
import { ROLES, isRole } from './roles.ts';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--partner <partner id>] [--ttl <minutes>]
  prints a bearer token signed by the local issuer of $DATA_DIR (default .data), for curl and scripts:
  curl -H "Authorization: Bearer $(npm run -s token -- --role epidemiologist)" http://localhost:3000/api/v1/areas`;

/** `npm run token`: a bearer token of the built-in local issuer, as the running API of the same DATA_DIR accepts. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      role: { type: 'string' },
      partner: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!isRole(values.role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  if (values.role === 'partner' && !values.partner) throw new ConfigError('a partner token needs --partner <partner id>');
  if (values.role !== 'partner' && values.partner) throw new ConfigError('--partner goes with --role partner only');
  const config = parseApiConfig([], process.env);
  const ttlMinutes = values.ttl === undefined ? config.auth.tokenTtlMinutes : Number(values.ttl);
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > 1440) {
    throw new ConfigError('--ttl must be a whole number of minutes from 1 to 1440');
  }
  if (config.auth.issuer) {
    console.error(`token: note: AUTH_ISSUER is set, so the API accepts tokens of ${config.auth.issuer}, not this one`);
  }
  const issuer = await openLocalIssuer(config.dataDir);
  const token = await issuer.sign({
    subject: `token-cli:${values.role}`,
    role: values.role,
    partnerId: values.partner,
    ttlSeconds: ttlMinutes * 60,
  });
  process.stdout.write(`${token}\n`);
}

runCli('token', USAGE, main);
