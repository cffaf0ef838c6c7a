import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookPost } from './post-webhook.ts';
import { addressRefusal, type AddressPolicy, type Lookup } from './webhook-address-guard.ts';

const none = new Set<string>();
/** Without NOTIFIER_SECRET (the demo): nothing listed, this machine open to its own names. */
const demo = { privateHosts: none, loopback: true };
/** With NOTIFIER_SECRET: nothing listed, this machine closed. */
const production = { privateHosts: none, loopback: false };
const listing = (...hosts: string[]) => ({ privateHosts: new Set(hosts), loopback: false });

describe('which addresses a webhook may reach', () => {
  it('refuses private, link-local, CGNAT, multicast and unspecified addresses, IPv4-mapped ones too', () => {
    for (const address of [
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.5',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      'fd12::1',
      'fe80::1',
      '::',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1', // NAT64 of 10.0.0.1
      '64:ff9b:1::7f00:1',
      '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
    ]) {
      expect(addressRefusal('hooks.example', address, demo), address).toMatch(/private or local network.*NOTIFIER_PRIVATE_HOSTS/);
    }
  });

  it('allows public addresses, a listed host on a private network, and loopback only for a name of this machine', () => {
    expect(addressRefusal('hooks.example', '93.184.215.14', production)).toBeNull();
    expect(addressRefusal('hooks.example', '2a00:1450::1', production)).toBeNull();
    expect(addressRefusal('relay.ggd.internal', '10.1.2.3', listing('relay.ggd.internal'))).toBeNull();
    expect(addressRefusal('localhost', '127.0.0.1', demo)).toBeNull();
    expect(addressRefusal('[::1]', '::1', demo)).toBeNull();
    expect(addressRefusal('hooks.example', '127.0.0.1', demo)).toMatch(/private or local/);
    expect(addressRefusal('localhost', '10.0.0.1', demo)).toMatch(/private or local/);
  });

  it('with NOTIFIER_SECRET set, keeps subscribers off the services of its own machine unless the host is listed', () => {
    for (const [host, address] of [
      ['localhost', '127.0.0.1'],
      ['127.0.0.1', '127.0.0.1'],
      ['[::1]', '::1'],
    ] as const) {
      expect(addressRefusal(host, address, production), host).toMatch(/private or local network.*NOTIFIER_PRIVATE_HOSTS/);
    }
    expect(addressRefusal('127.0.0.1', '127.0.0.1', listing('127.0.0.1'))).toBeNull();
  });
});

describe('a webhook post checks the addresses it connects to', () => {
  let server: Server;
  let port: number;
  let received = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      received++;
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // A name that resolves to this machine, as a rebinding attacker's name would.
  const toLoopback: Lookup = (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]);
  const post = (url: string, addresses: AddressPolicy, resolve?: Lookup): Promise<unknown> =>
    postWebhook({
      url,
      body: '{}',
      key: 'k',
      deliveryId: 'd',
      kind: 'alarm',
      nowSeconds: 1,
      timeoutMs: 5000,
      addresses,
      resolve,
    } satisfies WebhookPost);

  it('does not connect to a name that resolves to a local address, and says why', async () => {
    const before = received;
    expect(await post(`http://hooks.example:${port}/x`, demo, toLoopback)).toEqual({
      status: null,
      error: expect.stringMatching(/^hooks\.example is on a private or local network \(127\.0\.0\.1\)/),
      refused: true,
    });
    expect(await post('https://169.254.169.254/latest/meta-data', demo)).toEqual({
      status: null,
      error: expect.stringMatching(/private or local network/),
      refused: true,
    });
    expect(await post('not a url', demo)).toEqual({ status: null, error: 'not a URL', refused: true });
    expect(received).toBe(before);
  });

  it('delivers to a listed host on a private network, and to this machine by its own name', async () => {
    const before = received;
    expect(await post(`http://relay.ggd.internal:${port}/x`, listing('relay.ggd.internal'), toLoopback)).toEqual({
      status: 204,
      error: null,
    });
    expect(await post(`http://127.0.0.1:${port}/x`, demo)).toEqual({ status: 204, error: null });
    expect(received).toBe(before + 2);
    expect(await post(`http://127.0.0.1:${port}/x`, production)).toEqual({
      status: null,
      error: expect.stringMatching(/^127\.0\.0\.1 is on a private or local network/),
      refused: true,
    });
    expect(received).toBe(before + 2);
  });
});
