import { open } from 'node:fs/promises';

/**
 * The lines of broker.log (from the latest start) that best explain a failed start, as one line: the first
 * ERROR/FATAL entry with the exception line under it, which is usually the root cause; otherwise the last
 * lines that are not stack frames.
 */
export async function explainFromLog(logFile: string): Promise<string> {
  const all = await tailLines(logFile, 256 * 1024);
  const lastStart = all.findLastIndex((line) => line.startsWith(START_MARKER));
  const lines = all.slice(lastStart + 1).filter((line) => !/^\s+at |^\s*\.\.\. \d+ more/.test(line));
  const firstError = lines.findIndex((line) => /^\[[^\]]+\] (ERROR|FATAL) /.test(line));
  let chosen: string[];
  if (firstError >= 0) {
    const next = lines[firstError + 1];
    chosen = [lines[firstError] ?? '', ...(next && !next.startsWith('[') ? [next] : [])];
  } else {
    chosen = lines.slice(-3);
  }
  const text = chosen.map((line) => line.trim()).join(' | ');
  return text.length > 800 ? `${text.slice(0, 797)}...` : text || '(broker.log is empty)';
}

/** Written by broker.ts before each start so explanations only look at the latest attempt. */
export const START_MARKER = '==== kafka-local start';

async function tailLines(file: string, bytes: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
  } finally {
    await handle.close();
  }
}
