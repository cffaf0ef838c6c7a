import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseApiConfig } from './config.ts';
import { DEFAULT_READER_LIMITS } from './limits/reader-limit-settings.ts';

const cwd = '/srv/wijksignaal';

describe('parseApiConfig', () => {
  it('defaults to port 3000 and snapshots under .data', () => {
    const config = parseApiConfig([], {}, cwd);
    expect(config).toMatchObject({ port: 3000, dataDir: join(cwd, '.data'), snapshotDir: join(cwd, '.data', 'snapshots') });
    expect(config.dashboardDir).toBeUndefined();
  });

  it('reads PORT and DATA_DIR from the environment, and flags win over them', () => {
    expect(parseApiConfig([], { PORT: '4000', DATA_DIR: '/var/ws' }, cwd)).toMatchObject({
      port: 4000,
      snapshotDir: '/var/ws/snapshots',
    });
    expect(parseApiConfig(['--port', '5000', '--data-dir', 'x'], { PORT: '4000' }, cwd)).toMatchObject({
      port: 5000,
      snapshotDir: join(cwd, 'x', 'snapshots'),
    });
  });

  it('resolves --dashboard against the working directory', () => {
    expect(parseApiConfig(['--dashboard', 'web/build'], {}, cwd).dashboardDir).toBe(join(cwd, 'web/build'));
  });

  it('accepts the stack-wide flags that only other parts use', () => {
    expect(() => parseApiConfig(['--areas', 'a.geojson', '--population', 'p.csv', '--no-simulator'], {}, cwd)).not.toThrow();
  });

  it.each([
    [['--bogus'], /bogus/],
    [['--port', 'abc'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['stray'], /stray|positional/i],
  ])('rejects %j with a one-line ConfigError', (argv, message) => {
    let error: unknown;
    try {
      parseApiConfig(argv, {}, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('rejects a bad PORT in the environment', () => {
    expect(() => parseApiConfig([], { PORT: 'eighty' }, cwd)).toThrow(/PORT must be a port number/);
  });

  it('reads the minimum denominator once, with the default of the disclosure module', () => {
    expect(parseApiConfig([], {}, cwd)).toMatchObject({ minDenominator: 100 });
    expect(parseApiConfig([], { MIN_DENOMINATOR: '250' }, cwd)).toMatchObject({ minDenominator: 250 });
  });

  it('has no k of its own: a DISCLOSURE_K meant for the pipeline changes nothing here', () => {
    // k belongs to the published table (snapshot meta disclosure_k); an API setting could only mislabel it.
    const config = parseApiConfig([], { DISCLOSURE_K: '10' }, cwd);
    expect(config).not.toHaveProperty('disclosureK');
    expect(config).toEqual(parseApiConfig([], {}, cwd));
  });

  it.each(['0', 'five'])('refuses MIN_DENOMINATOR=%s in one line saying what is allowed', (min) => {
    let error: unknown;
    try {
      parseApiConfig([], { MIN_DENOMINATOR: min }, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/MIN_DENOMINATOR must be a number of residents of at least 1/);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('parseApiConfig: sign-in', () => {
  const cwd = '/srv/wijksignaal';

  it('uses the built-in local issuer by default, with role claim roles and partner claim partner_id', () => {
    expect(parseApiConfig([], {}, cwd).auth).toEqual({
      issuer: undefined,
      audience: undefined,
      jwksUrl: undefined,
      roleClaim: 'roles',
      partnerClaim: 'partner_id',
      tokenTtlMinutes: 60,
    });
  });

  it('reads an OIDC issuer with its audience, JWKS URL and claim paths', () => {
    const env = {
      AUTH_ISSUER: 'https://idp.ggd.example.nl/realms/ggd',
      AUTH_AUDIENCE: 'wijksignaal-api',
      AUTH_JWKS_URL: 'https://idp.ggd.example.nl/realms/ggd/protocol/openid-connect/certs',
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_PARTNER_CLAIM: 'ggd.partner',
      AUTH_TOKEN_TTL_MINUTES: '15',
    };
    expect(parseApiConfig([], env, cwd).auth).toEqual({
      issuer: env.AUTH_ISSUER,
      audience: 'wijksignaal-api',
      jwksUrl: env.AUTH_JWKS_URL,
      roleClaim: 'realm_access.roles',
      partnerClaim: 'ggd.partner',
      tokenTtlMinutes: 15,
    });
  });

  it.each([
    [{ AUTH_ISSUER: 'https://idp.example.nl' }, /AUTH_AUDIENCE must name this API/],
    [{ AUTH_ISSUER: 'http://idp.example.nl', AUTH_AUDIENCE: 'a' }, /AUTH_ISSUER must be an https URL/],
    [{ AUTH_ISSUER: 'not a url', AUTH_AUDIENCE: 'a' }, /AUTH_ISSUER must be an https URL/],
    [{ AUTH_ROLE_CLAIM: 'realm_access..roles' }, /AUTH_ROLE_CLAIM must be a claim name or dotted path/],
    [{ AUTH_TOKEN_TTL_MINUTES: '0' }, /AUTH_TOKEN_TTL_MINUTES must be a whole number of minutes from 1 to 1440/],
  ])('refuses %o in one line', (env, message) => {
    expect(() => parseApiConfig([], env, cwd)).toThrow(message);
  });

  it('allows an http issuer on this machine only (a development identity provider)', () => {
    const env = { AUTH_ISSUER: 'http://localhost:8080/realms/dev', AUTH_AUDIENCE: 'wijksignaal' };
    expect(parseApiConfig([], env, cwd).auth.issuer).toBe('http://localhost:8080/realms/dev');
  });

  it('refuses the demo sign-in on a network address unless DEMO_ON_NETWORK says so, in one line', () => {
    for (const host of ['0.0.0.0', '192.0.2.10', '::']) {
      expect(() => parseApiConfig(['--host', host], {}, cwd)).toThrow(ConfigError);
      expect(() => parseApiConfig([], { HOST: host }, cwd)).toThrow(
        /on the network: set AUTH_ISSUER and AUTH_AUDIENCE .* or DEMO_ON_NETWORK=1/,
      );
    }
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1'])
      expect(parseApiConfig([], { HOST: host }, cwd).host).toBe(host);
    expect(parseApiConfig([], { HOST: '0.0.0.0', DEMO_ON_NETWORK: '1' }, cwd).host).toBe('0.0.0.0');
    const idp = { HOST: '0.0.0.0', AUTH_ISSUER: 'https://idp.example.nl', AUTH_AUDIENCE: 'wijksignaal' };
    expect(parseApiConfig([], idp, cwd).host).toBe('0.0.0.0');
    expect(() => parseApiConfig([], { HOST: '0.0.0.0', DEMO_ON_NETWORK: 'yes' }, cwd)).toThrow(/DEMO_ON_NETWORK must be 1/);
  });
});

describe('parseApiConfig: limits for readers', () => {
  it('defaults to limits the dashboard never reaches, from the one table of defaults', () => {
    expect(parseApiConfig([], {}, cwd).limits).toEqual(DEFAULT_READER_LIMITS);
  });

  it("stops a request's snapshot queries after QUERY_TIMEOUT_MS, 10 s by default", () => {
    expect(parseApiConfig([], {}, cwd).queryTimeoutMs).toBe(10_000);
    expect(parseApiConfig([], { QUERY_TIMEOUT_MS: '2500' }, cwd).queryTimeoutMs).toBe(2_500);
  });

  it('reads each limit from its environment variable', () => {
    const env = {
      RATE_LIMIT_PER_MINUTE: '300',
      EXPORT_RATE_LIMIT_PER_MINUTE: '5',
      EXPORT_MAX_CONCURRENT: '1',
      SSE_MAX_STREAMS: '2',
    };
    expect(parseApiConfig([], env, cwd).limits).toEqual({
      dataPerMinute: 300,
      exportsPerMinute: 5,
      concurrentExports: 1,
      streams: 2,
    });
  });

  it.each([
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE must be a whole number of requests from 10 to 1000000/],
    [{ EXPORT_RATE_LIMIT_PER_MINUTE: 'many' }, /EXPORT_RATE_LIMIT_PER_MINUTE must be a whole number of exports/],
    [{ EXPORT_MAX_CONCURRENT: '1.5' }, /EXPORT_MAX_CONCURRENT must be a whole number of exports from 1 to 100/],
    [{ SSE_MAX_STREAMS: '0' }, /SSE_MAX_STREAMS must be a whole number of streams from 1 to 100/],
    [{ QUERY_TIMEOUT_MS: '10' }, /QUERY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000/],
  ])('refuses %o in one line', (env, message) => {
    expect(() => parseApiConfig([], env, cwd)).toThrow(message);
  });
});

describe('parseApiConfig: Strict-Transport-Security', () => {
  it('sends HSTS only when PUBLIC_URL, the address behind the TLS proxy, is https', () => {
    expect(parseApiConfig([], {}, cwd)).toMatchObject({ publicUrl: undefined, hsts: false });
    expect(parseApiConfig([], { PUBLIC_URL: 'http://wijksignaal.test:3000' }, cwd)).toMatchObject({ hsts: false });
    expect(parseApiConfig([], { PUBLIC_URL: 'https://wijksignaal.ggd.example.nl' }, cwd)).toMatchObject({
      publicUrl: 'https://wijksignaal.ggd.example.nl',
      hsts: true,
    });
  });

  it.each(['wijksignaal.ggd.example.nl', 'ftp://wijksignaal.ggd.example.nl'])('refuses PUBLIC_URL=%s in one line', (url) => {
    expect(() => parseApiConfig([], { PUBLIC_URL: url }, cwd)).toThrow(
      /^environment variable PUBLIC_URL must be the http\(s\) address users reach Wijksignaal at, e\.g\. https:\/\/[^\n]*$/,
    );
  });
});
