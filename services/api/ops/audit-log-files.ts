import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from './audit-trail.ts';

const FILE = /^access-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * The audit log on disk: one append-only JSON line per entry in `access-YYYY-MM-DD.jsonl` (UTC day) in an
 * owner-only folder, each line written through before the next request (one write to the day's file,
 * opened for appending once a day), so an entry is never lost in a buffer. Opening and closing the file
 * for every line cost two more system calls per data request, a tenth of a fast answer's time. Files
 * older than `retentionDays` are removed at start and at every new day.
 */
export function auditLogFiles(opts: { dir: string; retentionDays: number; now?: () => Date }): (entry: AuditEntry) => void {
  const now = opts.now ?? (() => new Date());
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  chmodSync(opts.dir, 0o700);
  let day = '';
  let fd: number | null = null;
  const prune = (today: string) => {
    const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - opts.retentionDays * 86_400_000).toISOString().slice(0, 10);
    for (const name of readdirSync(opts.dir)) {
      const date = FILE.exec(name)?.[1];
      if (date && date < oldest) rmSync(join(opts.dir, name), { force: true });
    }
  };
  const open = (today: string) => openSync(join(opts.dir, `access-${today}.jsonl`), 'a', 0o600);
  return (entry) => {
    const today = now().toISOString().slice(0, 10);
    if (today !== day || fd === null) {
      if (fd !== null) closeSync(fd);
      fd = null;
      day = today;
      prune(today);
      fd = open(today);
    }
    const line = `${JSON.stringify(entry)}\n`;
    try {
      writeSync(fd, line);
    } catch {
      // The descriptor went bad (the file system was remounted, …): open the day's file again, once.
      try {
        closeSync(fd);
      } catch {
        // already unusable
      }
      fd = open(today);
      writeSync(fd, line);
    }
  };
}
