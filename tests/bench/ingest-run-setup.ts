import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchBroker, type BenchBroker } from './bench-broker.ts';
import { parseBenchConfig, type BenchConfig } from './bench-config.ts';

export interface IngestRunSetup {
  config: BenchConfig;
  say: (line: string) => void;
  /** The load average now, as `1 / 5 / 15` minutes: printed next to every figure. */
  load: () => string;
  runDir: string;
  broker: BenchBroker;
}

/** What `ingest-alone.ts` and `ingest-profile.ts` start with: the config, a fresh run folder and the broker. */
export async function ingestRunSetup(title: string, folderPrefix: string): Promise<IngestRunSetup> {
  const config = parseBenchConfig(process.env);
  const say = (line: string) => console.log(line);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  say(`${title} — ${new Date().toISOString()}, load average ${load()}`);
  const runDir = join(config.benchDir, `${folderPrefix}-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  const broker = await benchBroker(config.benchDir, config.externalBrokers, () => undefined);
  return { config, say, load, runDir, broker };
}
