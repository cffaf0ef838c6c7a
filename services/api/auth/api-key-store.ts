import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PARTNER_PATTERN } from '@wijksignaal/contracts/signal';

/** What is stored per key: never the key itself, only its SHA-256. */
export interface StoredApiKey {
  id: string;
  partnerId: string;
  sha256: string;
  createdAt: string;
  revokedAt?: string;
}

interface KeyFile {
  keys: StoredApiKey[];
}

/** Keys start with this so a leaked one is recognisable (secret scanners, logs). */
const KEY_PREFIX = 'wsk_';

export function apiKeyFile(dataDir: string): string {
  return join(dataDir, 'auth', 'api-keys.json');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Partner API keys in `$DATA_DIR/auth/api-keys.json`. A key is 256 random bits, so a plain SHA-256 is
 * enough to store it (no dictionary to attack), and looking the hash up in a map compares no secret
 * byte by byte. The file is re-read when it changes, so a key created or revoked with
 * `npm run api-key` counts at once in the running API.
 */
export class ApiKeyStore {
  private byHash = new Map<string, StoredApiKey>();
  private loadedVersion = '';

  constructor(readonly file: string) {}

  /** The partner of an active key, or undefined. */
  async find(key: string): Promise<StoredApiKey | undefined> {
    await this.refresh();
    const found = this.byHash.get(hashApiKey(key));
    return found && !found.revokedAt ? found : undefined;
  }

  /** Creates a key for one partner; the returned `key` is shown once and never stored. */
  async create(partnerId: string, now = new Date()): Promise<{ id: string; key: string }> {
    if (!PARTNER_PATTERN.test(partnerId)) {
      throw new Error(`partner id ${JSON.stringify(partnerId)} is invalid: a-z, 0-9 and -, 3 to 64 characters`);
    }
    const id = randomBytes(6).toString('hex');
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const file = await this.read();
    file.keys.push({ id, partnerId, sha256: hashApiKey(key), createdAt: now.toISOString() });
    await this.write(file);
    return { id, key };
  }

  /** Revokes a key by its id; false when there is no such active key. */
  async revoke(id: string, now = new Date()): Promise<boolean> {
    const file = await this.read();
    const entry = file.keys.find((k) => k.id === id && !k.revokedAt);
    if (!entry) return false;
    entry.revokedAt = now.toISOString();
    await this.write(file);
    return true;
  }

  async list(): Promise<StoredApiKey[]> {
    return (await this.read()).keys;
  }

  private async refresh(): Promise<void> {
    const info = await stat(this.file).catch(() => null);
    const version = info ? `${info.mtimeMs}:${info.size}:${info.ino}` : 'none';
    if (version === this.loadedVersion) return;
    const { keys } = await this.read();
    this.byHash = new Map(keys.map((k) => [k.sha256, k]));
    this.loadedVersion = version;
  }

  private async read(): Promise<KeyFile> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as KeyFile;
      return { keys: Array.isArray(parsed.keys) ? parsed.keys : [] };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [] };
      throw new Error(`cannot read the API keys in ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Written whole to a temporary file and renamed, so a reader never sees half a file. */
  private async write(file: KeyFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }
}
