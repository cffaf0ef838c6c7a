import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * The flags `npm start` hands to every part of the stack: each process accepts them, and those it has no use
 * for it ignores, so every part runs alone with the same command line.
 */
export const STACK_FLAGS = {
  areas: { type: 'string' },
  population: { type: 'string' },
  'no-simulator': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** A process's own flags and the stack's, strictly (no positionals); a mistake is one line ending in "(try --help)". */
export function parseProcessFlags(
  argv: readonly string[],
  own: ParseArgsOptionsConfig,
): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { ...own, ...STACK_FLAGS } });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]} (try --help)`, { cause: error });
  }
}
