import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, NotifierConfigError, parseNotifierConfig, webhookRefusal } from './notifier-config.ts';

describe('notifier settings', () => {
  it('uses the public demo secret without NOTIFIER_SECRET, and says so', () => {
    const config = parseNotifierConfig([], {}, '/srv');
    expect(config.secret).toBe(DEMO_SECRET);
    expect(config.demoSecret).toBe(true);
    expect(config.snapshotDir).toBe('/srv/.data/snapshots');
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('takes a secret of at least 32 characters and refuses a shorter one in one line', () => {
    const secret = 'x'.repeat(32);
    expect(parseNotifierConfig([], { NOTIFIER_SECRET: secret }).demoSecret).toBe(false);
    // The demo posts to this machine; a real secret closes it to subscribers (webhook-address-guard.ts).
    expect(parseNotifierConfig([], {}).delivery.addresses.loopback).toBe(true);
    expect(parseNotifierConfig([], { NOTIFIER_SECRET: secret }).delivery.addresses.loopback).toBe(false);
    expect(() => parseNotifierConfig([], { NOTIFIER_SECRET: 'short' })).toThrow(NotifierConfigError);
    expect(() => parseNotifierConfig([], { NOTIFIER_SECRET: 'short' })).toThrow(/NOTIFIER_SECRET must be at least 32/);
  });

  it('refuses a backoff cap below its base and unknown flags', () => {
    expect(() => parseNotifierConfig([], { NOTIFIER_BACKOFF_MS: '5000', NOTIFIER_BACKOFF_MAX_MS: '100' })).toThrow(
      /BACKOFF_MAX_MS/,
    );
    expect(() => parseNotifierConfig(['--nope'], {})).toThrow(NotifierConfigError);
  });

  it('posts to https anywhere, plain http on this machine only, and with the demo secret to this machine only', () => {
    expect(webhookRefusal('https://hooks.ggd.example/x', false)).toBeNull();
    expect(webhookRefusal('http://hooks.ggd.example/x', false)).toMatch(/https/);
    expect(webhookRefusal('http://127.0.0.1:8080/x', false)).toBeNull();
    expect(webhookRefusal('http://[::1]:8080/x', true)).toBeNull();
    expect(webhookRefusal('https://hooks.ggd.example/x', true)).toMatch(/NOTIFIER_SECRET/);
    expect(webhookRefusal('not a url', false)).toBe('not a URL');
  });

  it("reads the delivery log's keeping time and the hosts allowed on a private network", () => {
    const config = parseNotifierConfig([], { NOTIFIER_LOG_DAYS: '30', NOTIFIER_PRIVATE_HOSTS: ' Relay.GGD.internal, mx.local ' });
    expect(config.logDays).toBe(30);
    expect([...config.delivery.addresses.privateHosts]).toEqual(['relay.ggd.internal', 'mx.local']);
    expect(parseNotifierConfig([], {}).delivery.addresses.privateHosts.size).toBe(0);
    expect(() => parseNotifierConfig([], { NOTIFIER_LOG_DAYS: '7' })).toThrow(/NOTIFIER_LOG_DAYS .*from 8 to/);
    expect(parseNotifierConfig([], { NOTIFIER_LOG_DAYS: '8' }).logDays).toBe(8);
    expect(() => parseNotifierConfig([], { NOTIFIER_PRIVATE_HOSTS: 'a/b' })).toThrow(
      /NOTIFIER_PRIVATE_HOSTS must be a comma-separated/,
    );
  });
});
