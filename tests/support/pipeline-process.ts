import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { PIPELINE_ENTRY, pipelineProcess } from '@wijksignaal/contracts/pipeline-process';
import { waitFor } from './wait-for.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface LogEvent {
  event: string;
  [field: string]: unknown;
}

export interface ChildService {
  child: ChildProcess;
  events: LogEvent[];
  stderr: string[];
  exited: Promise<number | null>;
  waitForEvent(match: (e: LogEvent) => boolean, what: string, timeoutMs?: number): Promise<LogEvent>;
  /** SIGTERM and wait for a clean exit (SIGKILL after the deadline). */
  stop(timeoutMs?: number): Promise<number | null>;
  /** The last log events (name, time, error fields) and stderr, for a failure message that says what it did. */
  describeTail(eventCount?: number): string;
}

/**
 * Runs one of the project's entry points (`pipelines/main.ts`, `services/api/main.ts`, …) as a real child
 * process, collecting its JSON log lines so tests can wait on what it reports.
 */
export function spawnService(
  entry: string,
  args: string[],
  env: Record<string, string>,
  options: { stdoutFile?: string } = {},
): ChildService {
  // A child logging to a pipe blocks when the pipe is full (stdout writes to pipes are synchronous on
  // Linux); a busy parent (the bench driving autocannon) would stall it. Such children log to a file,
  // as a server does in production, and report no events.
  const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'a') : null;
  // The pipeline runs with the settings it runs with everywhere (its heap cap, malloc arenas).
  const tuned = entry === PIPELINE_ENTRY ? pipelineProcess({ ...process.env, ...env }) : { nodeFlags: [], env: {} };
  const child = spawn(process.execPath, [...tuned.nodeFlags, '--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...tuned.env, ...env },
    stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
  });
  if (stdoutFd !== null) closeSync(stdoutFd);
  const events: LogEvent[] = [];
  const stderr: string[] = [];
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        events.push(JSON.parse(line) as LogEvent);
      } catch {
        // a line that is not one of ours
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  return {
    child,
    events,
    stderr,
    exited,
    waitForEvent(match, what, timeoutMs = 60_000) {
      return waitFor(
        () => {
          const found = events.find(match);
          if (found) return found;
          if (exitCode !== undefined) throw new Error(`${entry} exited (${exitCode}): ${stderr.join('').slice(-500)}`);
          return undefined;
        },
        { timeoutMs, intervalMs: 20, what },
      );
    },
    async stop(timeoutMs = 30_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    describeTail(eventCount = 30) {
      const state = exitCode === undefined ? 'running' : `exited (${exitCode})`;
      const lines = events.slice(-eventCount).map(describeEvent);
      const err = stderr.join('').slice(-1500).trim();
      return [
        `${entry} ${state}; its last ${lines.length} of ${events.length} events:`,
        ...lines,
        `stderr tail: ${err || '(empty)'}`,
      ].join('\n');
    },
  };
}

// Fields that say why something went wrong; the rest of an event (assignments, counts) is cut short.
const WHY_FIELDS = ['error', 'message', 'reason', 'restart', 'broker'];

function describeEvent(e: LogEvent): string {
  const at = typeof e.at === 'string' ? e.at.slice(11, 23) : '?';
  const why = WHY_FIELDS.filter((k) => e[k] !== undefined).map((k) => `${k}=${JSON.stringify(e[k])}`);
  const skip = new Set(['event', 'at', 'level', 'component', ...WHY_FIELDS]);
  const other = Object.fromEntries(Object.entries(e).filter(([k]) => !skip.has(k)));
  const tail = Object.keys(other).length > 0 ? ` ${JSON.stringify(other).slice(0, 160)}` : '';
  return `  ${at} ${e.event} ${why.join(' ')}${tail}`.trimEnd();
}
