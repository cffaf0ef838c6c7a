import { logLevel, type logCreator } from 'kafkajs';

export type Log = (event: string, fields?: Record<string, unknown>, level?: 'info' | 'warn' | 'error') => void;

/** One JSON object per line on stdout, so logs can be shipped and searched without parsing prose. */
export function createLogger(component: string, write: (line: string) => void = (l) => process.stdout.write(l)): Log {
  return (event, fields = {}, level = 'info') => {
    write(`${JSON.stringify({ at: new Date().toISOString(), level, component, event, ...fields })}\n`);
  };
}

/** Routes kafkajs' own warnings and errors into the same JSON log. */
export function kafkaLogCreator(log: Log): logCreator {
  return () =>
    ({ level, log: entry }) => {
      if (level > logLevel.WARN) return;
      const { message, ...rest } = entry;
      log(
        `kafka.${level === logLevel.ERROR ? 'error' : 'warn'}`,
        { message, broker: rest.broker, error: rest.error },
        level === logLevel.ERROR ? 'error' : 'warn',
      );
    };
}
