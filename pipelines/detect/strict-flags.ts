import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * The flags of a command-line tool, strictly (no positionals, no unknown flags), for `npm run detect` and
 * `npm run replay`: a mistake becomes `fail(message — usage)`, one line.
 */
export function strictFlags(
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
  usage: string,
  fail: (message: string) => Error,
): Record<string, string | string[] | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as Record<
      string,
      string | string[] | boolean | undefined
    >;
  } catch (error) {
    throw fail(`${(error as Error).message.split('\n')[0]} — ${usage}`);
  }
}
