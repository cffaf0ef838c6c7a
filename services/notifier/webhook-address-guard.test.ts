import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookPost } from './post-webhook.ts';
import { addressRefusal, type Lookup } from './webhook-address-guard.ts';

const none = new Set<string>();

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
    ]) {
      expect(addressRefusal('hooks.example', address, none), address).toMatch(/private or local network.*NOTIFIER_PRIVATE_HOSTS/);
    }
  });

  it('allows public addresses, a listed host on a private network, and loopback only for a name of this machine', () => {
    expect(addressRefusal('hooks.example', '93.184.215.14', none)).toBeNull();
    expect(addressRefusal('hooks.example', '2a00:1450::1', none)).toBeNull();
    expect(addressRefusal('relay.ggd.internal', '10.1.2.3', new Set(['relay.ggd.internal']))).toBeNull();
    expect(addressRefusal('localhost', '127.0.0.1', none)).toBeNull();
    expect(addressRefusal('[::1]', '::1', none)).toBeNull();
    expect(addressRefusal('hooks.example', '127.0.0.1', none)).toMatch(/private or local/);
    expect(addressRefusal('localhost', '10.0.0.1', none)).toMatch(/private or local/);
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
  const post = (url: string, privateHosts: ReadonlySet<string>, resolve?: Lookup): Promise<unknown> =>
    postWebhook({
      url,
      body: '{}',
      key: 'k',
      deliveryId: 'd',
      kind: 'alarm',
      nowSeconds: 1,
      timeoutMs: 5000,
      privateHosts,
      resolve,
    } satisfies WebhookPost);

  it('does not connect to a name that resolves to a local address, and says why', async () => {
    const before = received;
    expect(await post(`http://hooks.example:${port}/x`, none, toLoopback)).toEqual({
      status: null,
      error: expect.stringMatching(/^hooks\.example is on a private or local network \(127\.0\.0\.1\)/),
      refused: true,
    });
    expect(await post('https://169.254.169.254/latest/meta-data', none)).toEqual({
      status: null,
      error: expect.stringMatching(/private or local network/),
      refused: true,
    });
    expect(await post('not a url', none)).toEqual({ status: null, error: 'not a URL', refused: true });
    expect(received).toBe(before);
  });

  it('delivers to a listed host on a private network, and to this machine by its own name', async () => {
    const before = received;
    expect(await post(`http://relay.ggd.internal:${port}/x`, new Set(['relay.ggd.internal']), toLoopback)).toEqual({
      status: 204,
      error: null,
    });
    expect(await post(`http://127.0.0.1:${port}/x`, none)).toEqual({ status: 204, error: null });
    expect(received).toBe(before + 2);
  });
});
