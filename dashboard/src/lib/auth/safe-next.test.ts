import { describe, expect, it } from 'vitest';
import { loginUrl, safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeNext('/wijk/WK000101?theme=loneliness')).toBe('/wijk/WK000101?theme=loneliness');
  });

  it('never leads off the site or back to the login page', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login?next=/',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

describe('loginUrl', () => {
  it('round-trips the current address through next', () => {
    const url = loginUrl(new URL('http://localhost:3000/vergelijken?theme=escalation&from=2025-W01#tabel'), 'expired');
    const params = new URL(url, 'http://localhost:3000').searchParams;
    expect(safeNext(params.get('next'))).toBe('/vergelijken?theme=escalation&from=2025-W01#tabel');
    expect(params.get('reason')).toBe('expired');
  });
});
