/**
 * Lines written together once per turn of the event loop: under load the request log had one write system
 * call per request (a tenth of a fast answer's time), and many requests finish in one turn. A line is
 * late by that turn at most; `flush` writes what is pending at once (on close). For the request log only:
 * the audit trail writes each line through before the next request (ops/audit-log-files.ts).
 */
export function batchedLines(write: (text: string) => void): { line: (line: string) => void; flush: () => void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };
  return {
    line: (line) => {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
