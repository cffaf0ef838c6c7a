import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux for every architecture). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system) a running process has used so far, from `/proc/<pid>/stat`; null where
 * there is no /proc (not Linux) or the process is gone. Taken before and after a load run, the difference
 * is what the server spent on it.
 */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
