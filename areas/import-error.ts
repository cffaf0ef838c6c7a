import { basename } from 'node:path';

/**
 * Errors a user causes by pointing at the wrong file: one line, naming the file, saying what to do.
 * The launcher prints `message` as is, so it must never contain a newline.
 */
export function importError(file: string, message: string): Error {
  return new Error(`${basename(file)}: ${message}`.replace(/\s*\n\s*/g, ' '));
}
