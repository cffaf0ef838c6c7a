import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A JSON answer serialised once per snapshot and gzipped at most once. The national overview is about
 * 1 MB of JSON; compressing it again for every request cost more than everything else the API does.
 */
export class CachedJson {
  readonly text: string;
  #gzipped: Promise<Buffer> | undefined;

  constructor(text: string) {
    this.text = text;
  }

  gzipped(): Promise<Buffer> {
    this.#gzipped ??= gzipAsync(this.text);
    return this.#gzipped;
  }
}
