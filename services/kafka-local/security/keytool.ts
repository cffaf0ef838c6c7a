import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BROKER_CERT_PRINCIPAL } from './principals.ts';

export interface BrokerTlsFiles {
  /** PEM of the CA: what every client (kafkajs, kcat) trusts. */
  caPem: string;
  /** PKCS12 with the broker's key and its certificate chain. */
  keystore: string;
  /** PKCS12 with the CA only: the controller listener accepts the broker's own certificate through it. */
  truststore: string;
}

const VALIDITY_DAYS = '3650';

/**
 * A CA of this broker alone and a broker certificate it signs for `hosts` (names and IP addresses), made
 * with the JDK's keytool so nothing beyond Java is needed. The CA key never leaves `dir` (0700).
 */
export async function generateBrokerTls(dir: string, hosts: readonly string[], storePassword: string): Promise<BrokerTlsFiles> {
  const ca = join(dir, 'ca.p12');
  const files: BrokerTlsFiles = {
    caPem: join(dir, 'ca.pem'),
    keystore: join(dir, 'broker.p12'),
    truststore: join(dir, 'truststore.p12'),
  };
  const csr = join(dir, 'broker.csr');
  const signed = join(dir, 'broker.pem');
  const store = (file: string) => ['-keystore', file, '-storetype', 'PKCS12', '-storepass', storePassword];
  const ec = ['-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', VALIDITY_DAYS];
  const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');

  await keytool(['-genkeypair', '-alias', 'ca', ...ec, '-dname', 'CN=Wijksignaal Kafka CA', '-ext', 'bc:c', ...store(ca)]);
  await keytool(['-exportcert', '-rfc', '-alias', 'ca', '-file', files.caPem, ...store(ca)]);
  await keytool(['-genkeypair', '-alias', 'broker', ...ec, '-dname', BROKER_CERT_PRINCIPAL, ...store(files.keystore)]);
  await keytool(['-certreq', '-alias', 'broker', '-file', csr, ...store(files.keystore)]);
  await keytool([
    '-gencert',
    '-alias',
    'ca',
    '-rfc',
    '-validity',
    VALIDITY_DAYS,
    '-infile',
    csr,
    '-outfile',
    signed,
    '-ext',
    `SAN=${san}`,
    '-ext',
    'EKU=serverAuth,clientAuth',
    ...store(ca),
  ]);
  await keytool(['-importcert', '-noprompt', '-alias', 'ca', '-file', files.caPem, ...store(files.keystore)]);
  await keytool(['-importcert', '-noprompt', '-alias', 'broker', '-file', signed, ...store(files.keystore)]);
  await keytool(['-importcert', '-noprompt', '-alias', 'ca', '-file', files.caPem, ...store(files.truststore)]);
  await Promise.all([rm(csr), rm(signed)]);
  return files;
}

function keytool(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('keytool', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', (error) =>
      reject(new Error(`keytool could not run (${error.message}); it comes with Java 17+, which the local broker needs`)),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`keytool ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n')[0]}`)),
    );
  });
}
