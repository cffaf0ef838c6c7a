import type { AuditEntry, AuditSink } from '../ops/audit-trail.ts';

export interface AuditedSends {
  /** Queues `entry`; `send(true)` once it is written, `send(false)` when writing it failed. */
  send(entry: AuditEntry, send: (written: boolean) => void): void;
  /** How many times the queued lines were written (one per event-loop turn with fast answers). */
  batches(): number;
}

/**
 * The fast path's answers of one event-loop turn, sent once their audit lines are written: the lines of
 * every request handled in the turn go out in one write (`AuditSink.all`, else one call per line) at its
 * end (setImmediate, the check phase right after the sockets were read), then the answers. Under load one
 * write per line was a tenth of a fast answer's time; this way an answer still never leaves before its
 * line, as on the Hono path. Should the write fail, the turn's answers are not sent (their connections
 * are closed) and the failure is logged: no data leaves unaudited.
 */
export function auditedSends(sink: AuditSink, log: (line: string) => void): AuditedSends {
  let entries: AuditEntry[] = [];
  let sends: ((written: boolean) => void)[] = [];
  let scheduled = false;
  let batches = 0;
  const flush = () => {
    scheduled = false;
    const lines = entries;
    const waiting = sends;
    entries = [];
    sends = [];
    let written = true;
    try {
      if (sink.all) sink.all(lines);
      else for (const entry of lines) sink(entry);
    } catch (error) {
      written = false;
      log(
        `audit: ${lines.length} line(s) could not be written (${(error as Error).message.split('\n')[0]}); their answers were not sent`,
      );
    }
    batches++;
    for (const send of waiting) {
      // One answer that cannot be sent (its client is gone) must not hold back the others of the turn.
      try {
        send(written);
      } catch (error) {
        log(`a fast answer could not be sent: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  };
  return {
    send(entry, send) {
      entries.push(entry);
      sends.push(send);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    batches: () => batches,
  };
}
