import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLogFiles } from './audit-log-files.ts';
import type { AuditEntry } from './audit-trail.ts';

const entry = (route: string): AuditEntry => ({
  time: '2026-12-01T10:00:00.000Z',
  requestId: '0b8e1d1e-1f1a-4d1e-9a1b-2c3d4e5f6a7b',
  subject: 'u-1',
  role: 'epidemiologist',
  partner: null,
  method: 'GET',
  route,
  theme: 'loneliness',
  from: null,
  to: null,
  area: null,
  format: null,
  status: 200,
  result: 'answered',
  target: null,
  action: null,
});

describe('the audit log files', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per entry to the day’s owner-only file and removes days past the retention', () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-audit-'));
    const audit = join(dir, 'audit');
    let now = new Date('2026-12-01T10:00:00Z');
    const write = auditLogFiles({ dir: audit, retentionDays: 30, now: () => now });
    writeFileSync(join(audit, 'access-2026-10-01.jsonl'), '{}\n'); // older than 30 days
    writeFileSync(join(audit, 'access-2026-11-20.jsonl'), '{}\n');
    write(entry('/api/v1/overview'));
    write(entry('/api/v1/funnel'));
    now = new Date('2026-12-02T00:00:01Z');
    write(entry('/api/v1/alarms'));
    const day1 = readFileSync(join(audit, 'access-2026-12-01.jsonl'), 'utf8').trim().split('\n');
    expect(day1.map((l) => (JSON.parse(l) as AuditEntry).route)).toEqual(['/api/v1/overview', '/api/v1/funnel']);
    expect(readFileSync(join(audit, 'access-2026-12-02.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(audit, 'access-2026-10-01.jsonl'))).toBe(false);
    expect(existsSync(join(audit, 'access-2026-11-20.jsonl'))).toBe(true);
    expect((statSync(audit).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(audit, 'access-2026-12-01.jsonl')).mode & 0o777).toString(8)).toBe('600');
  });

  it('writes several entries in one write, one line each, after the lines before them', () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-audit-'));
    const write = auditLogFiles({ dir, retentionDays: 30, now: () => new Date('2026-12-01T10:00:00Z') });
    write(entry('/api/v1/overview'));
    write.all([entry('/api/v1/areas/:code/series'), entry('/api/v1/funnel'), entry('/api/v1/alarms')]);
    write.all([]);
    const lines = readFileSync(join(dir, 'access-2026-12-01.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as AuditEntry).route)).toEqual([
      '/api/v1/overview',
      '/api/v1/areas/:code/series',
      '/api/v1/funnel',
      '/api/v1/alarms',
    ]);
    expect(write.writes()).toBe(2);
  });
});
