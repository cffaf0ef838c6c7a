import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A JSON answer serialised once per snapshot and gzipped at most once. The national overview is about
 * 1 MB of JSON; compressing it again for every request cost more than everything else the API does.
 */
export class CachedJson {
  readonly text: string;
  /** The snapshot file it was answered from. */
  readonly snapshotFile: string;
  #gzipped: Promise<Buffer> | undefined;
  #etag: string | undefined;

  constructor(text: string, snapshotFile: string) {
    this.text = text;
    this.snapshotFile = snapshotFile;
  }

  gzipped(): Promise<Buffer> {
    this.#gzipped ??= gzipAsync(this.text);
    return this.#gzipped;
  }

  /**
   * A strong entity tag of the text, hashed once (linear in the answer, once per snapshot). The gzip
   * representation gets its own tag: the two differ byte for byte, and a 304 must name what the client has.
   */
  etag(encoding: 'identity' | 'gzip'): string {
    this.#etag ??= createHash('sha256').update(this.text).digest('base64url').slice(0, 22);
    return encoding === 'gzip' ? `"${this.#etag}-gzip"` : `"${this.#etag}"`;
  }
}
