import { parseArgs } from 'node:util';
import { ConfigError, parseApiConfig } from '../config.ts';
import { runCli } from './run-cli.ts';
import { ApiKeyStore, apiKeyFile } from './api-key-store.ts';

const USAGE = `usage: npm run api-key -- --partner <partner id>   create a key (printed once, stored only as its SHA-256)
       npm run api-key -- --revoke <key id>         revoke a key; the running API refuses it at once
       npm run api-key -- --list                    list key ids, partners and dates (never the keys)
  keys live in $DATA_DIR/auth/api-keys.json (DATA_DIR default .data); partners send them as the X-Api-Key header`;

/** `npm run api-key`: partner API keys for systems that deliver signals over HTTPS. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      partner: { type: 'string' },
      revoke: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const store = new ApiKeyStore(apiKeyFile(parseApiConfig([], process.env).dataDir));
  if (values.partner !== undefined) {
    const { id, key } = await store.create(values.partner);
    console.error(`api-key: key ${id} for partner ${values.partner}; it is shown only now, store it safely`);
    process.stdout.write(`${key}\n`);
  } else if (values.revoke !== undefined) {
    if (!(await store.revoke(values.revoke))) throw new Error(`there is no active key with id ${values.revoke} (see --list)`);
    console.log(`api-key: key ${values.revoke} revoked`);
  } else if (values.list) {
    for (const k of await store.list()) {
      console.log(`${k.id}  ${k.partnerId}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`);
    }
  } else {
    throw new ConfigError('say what to do: --partner <id>, --revoke <key id> or --list');
  }
}

runCli('api-key', USAGE, main);
