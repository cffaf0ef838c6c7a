import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface RunningChild {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** The last lines it wrote to stderr, for a one-line explanation when it dies. */
  lastError(): string;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts one part of the stack as its own process, its output going to $DATA_DIR/logs/<name>.log;
 * `nodeFlags` go to node before the entry (the pipeline's heap cap).
 */
export function startChild(
  name: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logDir: string,
  nodeFlags: readonly string[] = [],
): RunningChild {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stdout!.pipe(log, { end: false });
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    errors.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim()),
    );
    errors.splice(0, Math.max(0, errors.length - 5));
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    name,
    child,
    logFile,
    lastError: () => errors.filter((l) => !l.includes('npm warn')).at(-1) ?? '',
    exited,
    async stop(timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}
