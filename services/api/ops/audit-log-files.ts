import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditSink } from './audit-trail.ts';

const FILE = /^access-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The audit log on disk: an AuditSink, and how many writes it made (the tests read it). */
export interface AuditLogFiles extends AuditSink {
  all(entries: readonly AuditEntry[]): void;
  writes(): number;
}

/**
 * The audit log on disk: one append-only JSON line per entry in `access-YYYY-MM-DD.jsonl` (UTC day) in an
 * owner-only folder, written through (a `write` to the day's file, opened for appending once a day) before
 * the answer it records is sent, so an entry is never lost in a buffer of this process. `all` writes the
 * lines of several answers in one write: the fast path gathers an event-loop turn's answers and sends them
 * after it (http/audited-sends.ts); one write per line was a tenth of a fast answer's time. Opening and
 * closing the file for every line cost two more system calls. Files older than `retentionDays` are removed
 * at start and at every new day.
 */
export function auditLogFiles(opts: { dir: string; retentionDays: number; now?: () => Date }): AuditLogFiles {
  const now = opts.now ?? (() => new Date());
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  chmodSync(opts.dir, 0o700);
  let day = '';
  let fd: number | null = null;
  let writes = 0;
  const prune = (today: string) => {
    const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - opts.retentionDays * 86_400_000).toISOString().slice(0, 10);
    for (const name of readdirSync(opts.dir)) {
      const date = FILE.exec(name)?.[1];
      if (date && date < oldest) rmSync(join(opts.dir, name), { force: true });
    }
  };
  const open = (today: string) => openSync(join(opts.dir, `access-${today}.jsonl`), 'a', 0o600);
  const write = (text: string) => {
    const today = now().toISOString().slice(0, 10);
    if (today !== day || fd === null) {
      if (fd !== null) closeSync(fd);
      fd = null;
      day = today;
      prune(today);
      fd = open(today);
    }
    writes++;
    try {
      writeAll(fd, text);
    } catch {
      // The descriptor went bad (the file system was remounted, …): open the day's file again, once.
      try {
        closeSync(fd);
      } catch {
        // already unusable
      }
      fd = open(today);
      writeAll(fd, text);
    }
  };
  const one = (entry: AuditEntry) => write(`${JSON.stringify(entry)}\n`);
  return Object.assign(one, {
    all(entries: readonly AuditEntry[]) {
      if (entries.length === 0) return;
      let text = '';
      for (const entry of entries) text += `${JSON.stringify(entry)}\n`;
      write(text);
    },
    writes: () => writes,
  });
}

/** The whole text: a write to a regular file may take less than it was given (a full disk says so by throwing). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}
