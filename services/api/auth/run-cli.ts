import { ConfigError } from '../config.ts';

/**
 * Runs a small command-line tool: a usage mistake (ConfigError, an unknown flag) prints one line and the
 * usage and exits 2; any other failure prints one line and exits 1.
 */
export function runCli(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${name}: ${(error as Error).message.split('\n')[0]}`);
    if (error instanceof ConfigError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(usage);
      process.exit(2);
    }
    process.exit(1);
  });
}
