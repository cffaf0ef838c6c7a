import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'cluster-id';

/**
 * The KRaft cluster id kept in the data folder, created on first use. Reusing it is what lets a broker
 * restart on the same folder; a new id would make Kafka refuse the formatted storage.
 */
export async function loadOrCreateClusterId(dataDir: string): Promise<string> {
  const file = join(dataDir, FILE);
  if (existsSync(file)) {
    const stored = (await readFile(file, 'utf8')).trim();
    if (/^[A-Za-z0-9_-]{22}$/.test(stored)) return stored;
    throw new Error(`${file} does not hold a Kafka cluster id; delete the folder ${dataDir} to start with an empty broker.`);
  }
  const id = newClusterId();
  await writeFile(file, `${id}\n`);
  return id;
}

/**
 * Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (what `StorageTool random-uuid`
 * prints). Made here to save a JVM start; ids starting with '-' are avoided like Kafka does, because
 * command-line parsers read them as options.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
