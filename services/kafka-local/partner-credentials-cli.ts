/**
 * `npm run partner-credentials -- create|revoke <partner>`: a partner's login on the broker. The password
 * is printed once; the broker keeps only its salted SCRAM hash.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PARTNER_PATTERN } from '@wijksignaal/contracts/signal';
import { SIGNALS_TOPIC_PREFIX } from '@wijksignaal/contracts/topics';
import { KAFKA_CONNECTION_ENV, kafkaConnection, type KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { z } from 'zod';
import { ensureKafkaJars } from './jars.ts';
import { principalSettings, readBrokerSecurity } from './security/broker-security.ts';
import { issuePartnerCredentials, revokePartnerCredentials } from './security/partner-credentials.ts';

const USAGE = `usage: npm run partner-credentials -- create|revoke <partner id> [--data-dir DIR]
  The local broker (npm run kafka / npm start) is used with its own admin login; for another broker set
  KAFKA_BROKERS, KAFKA_USERNAME (a super user), KAFKA_PASSWORD_FILE and KAFKA_CA_FILE.`;

const Env = z.object({
  ...KAFKA_CONNECTION_ENV,
  KAFKA_BROKERS: z.string().trim().min(1).optional(),
  KAFKA_PORT: z.coerce.number().int().min(1).max(65535).default(9093),
  DATA_DIR: z.string().min(1).default('.data'),
});

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  } catch (error) {
    return fail(`${(error as Error).message.split('\n')[0]}\n${USAGE}`);
  }
})();
const [action, partner] = positionals;
if ((action !== 'create' && action !== 'revoke') || !partner || positionals.length !== 2) fail(USAGE);
if (!PARTNER_PATTERN.test(partner)) fail(`"${partner}" is not a partner id: use a-z, 0-9 and -, 3 to 64 characters`);
const env = Env.safeParse(process.env);
if (!env.success) fail(`invalid ${env.error.issues[0]?.path.join('.')}: ${env.error.issues[0]?.message}`);

let admin: KafkaConnection;
let caFile: string;
try {
  if (env.data.KAFKA_BROKERS) {
    if (!env.data.KAFKA_CA_FILE)
      fail('KAFKA_BROKERS needs KAFKA_USERNAME, KAFKA_PASSWORD_FILE and KAFKA_CA_FILE of a super user');
    caFile = env.data.KAFKA_CA_FILE;
    admin = kafkaConnection({
      brokers: env.data.KAFKA_BROKERS.split(','),
      username: env.data.KAFKA_USERNAME,
      passwordFile: env.data.KAFKA_PASSWORD_FILE,
      caFile,
    });
  } else {
    const brokerDir = join(resolve(values['data-dir'] ?? env.data.DATA_DIR), 'kafka');
    const security = await readBrokerSecurity(brokerDir);
    if (!security) fail(`no local broker in ${brokerDir}: start it with npm run kafka (or npm start), or set KAFKA_BROKERS`);
    caFile = security.caFile;
    admin = kafkaConnection(principalSettings(security, 'admin', [`127.0.0.1:${env.data.KAFKA_PORT}`]));
  }
  const input = { admin, caFile, classpath: await ensureKafkaJars({}), topicPrefix: SIGNALS_TOPIC_PREFIX };
  if (action === 'create') {
    const issued = await issuePartnerCredentials(input, partner);
    const bootstrap = admin.brokers.join(',');
    console.log(
      [
        `Partner ${partner} may now write ${issued.topic} (and nothing else) over SASL_SSL:`,
        `  bootstrap  ${bootstrap}`,
        `  username   ${issued.username}`,
        `  password   ${issued.password}`,
        `  CA         ${caFile} (send this file along; it is not secret)`,
        `The password is shown only now; run create again to replace it. The pipeline reads ${issued.topic} once`,
        `${partner} is in its PARTNERS list. Try it (kcat with librdkafka 2.6.1 or newer):`,
        `  kcat -P -b ${bootstrap} -t ${issued.topic} -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 \\`,
        `    -X sasl.username=${issued.username} -X sasl.password='…' -X ssl.ca.location=ca.pem`,
      ].join('\n'),
    );
  } else {
    const { aclsRemoved } = await revokePartnerCredentials(input, partner);
    console.log(
      `Partner ${partner}: login removed and ${aclsRemoved} ACL(s) revoked; its topic keeps what it sent until retention ends.`,
    );
  }
} catch (error) {
  fail(`partner-credentials: ${(error as Error).message.split('\n')[0]}`, 1);
}
