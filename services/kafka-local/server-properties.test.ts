import { describe, expect, it } from 'vitest';
import { renderServerProperties, type ServerPropertiesInput } from './server-properties.ts';

const base: ServerPropertiesInput = {
  host: '127.0.0.1',
  advertisedHost: '127.0.0.1',
  saslPort: 9093,
  plaintextPort: 9092,
  controllerPort: 9094,
  logDir: '/data/kraft',
  tls: { keystore: '/s/broker.p12', truststore: '/s/truststore.p12', storePassword: 'store-secret' },
  brokerPassword: 'broker-secret',
};
const settings = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('the broker’s server.properties', () => {
  it('offers SASL_SSL with SCRAM-SHA-512, an mTLS controller listener and an authorizer that denies without an ACL', () => {
    const s = settings(renderServerProperties(base));
    expect(s['listeners']).toBe('SASL_SSL://127.0.0.1:9093,CONTROLLER://127.0.0.1:9094,PLAINTEXT://127.0.0.1:9092');
    expect(s['sasl.enabled.mechanisms']).toBe('SCRAM-SHA-512');
    expect(s['listener.security.protocol.map']).toBe('SASL_SSL:SASL_SSL,CONTROLLER:SSL,PLAINTEXT:PLAINTEXT');
    expect(s['listener.name.controller.ssl.client.auth']).toBe('required');
    expect(s['authorizer.class.name']).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(s['allow.everyone.if.no.acl.found']).toBe('false');
  });

  it('makes anonymous users super users only on the loopback demo listener, and has none without it', () => {
    expect(settings(renderServerProperties(base))['super.users']).toContain('User:ANONYMOUS');
    const secured = settings(renderServerProperties({ ...base, plaintextPort: null }));
    expect(secured['super.users']).toBe('User:CN=wijksignaal-broker;User:wijksignaal-broker;User:wijksignaal-admin');
    expect(secured['listeners']).not.toContain('PLAINTEXT://');
  });

  it('refuses a plaintext listener when the broker listens beyond loopback', () => {
    expect(() => renderServerProperties({ ...base, host: '0.0.0.0' })).toThrow(
      /plaintext listener is only for a broker on loopback/,
    );
    expect(
      settings(renderServerProperties({ ...base, host: '0.0.0.0', advertisedHost: 'kafka.ggd.local', plaintextPort: null }))[
        'advertised.listeners'
      ],
    ).toBe('SASL_SSL://kafka.ggd.local:9093');
  });
});
