import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { WorkerRecipe } from '../endpoints/worker-recipes.ts';
import type { Snapshot } from './snapshot-reader.ts';

const gzipAsync = promisify(gzip);

/** How an answer is made from a snapshot, so it can be made again from the next one before a swap. */
export interface AnswerRecipe {
  /** The PerSnapshotCache key. */
  key: string;
  serialise: (conn: DuckDBConnection, snap: Snapshot) => Promise<string>;
  /** The same answer named as data, so a worker thread can make it before a swap (costly answers only). */
  worker?: WorkerRecipe;
}

/** The answer's bytes as made elsewhere (the answer worker): its gzip and the tag of its text. */
export interface PreparedBytes {
  gzip: Buffer;
  tag: string;
}

/** The strong entity tag of an answer's text (without the quotes and the encoding's suffix). */
export function tagOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/**
 * A JSON answer serialised once per snapshot and gzipped at most once. The national overview is about
 * 1 MB of JSON; compressing it again for every request cost more than everything else the API does.
 */
export class CachedJson {
  readonly text: string;
  /** The snapshot file it was answered from. */
  readonly snapshotFile: string;
  /** Set for answers made through PerSnapshotCache.answer: what the answer warmer makes again. */
  readonly recipe: AnswerRecipe | undefined;
  /** How long making the text took (0 when not measured): the warmer only makes costly answers ahead. */
  readonly computeMs: number;
  #gzipped: Promise<Buffer> | undefined;
  #etag: string | undefined;
  #bytes: Buffer | undefined;

  constructor(text: string, snapshotFile: string, recipe?: AnswerRecipe, computeMs = 0, prepared?: PreparedBytes) {
    this.text = text;
    this.snapshotFile = snapshotFile;
    this.recipe = recipe;
    this.computeMs = computeMs;
    if (prepared) {
      this.#gzipped = Promise.resolve(prepared.gzip);
      this.#etag = prepared.tag;
    }
  }

  gzipped(): Promise<Buffer> {
    this.#gzipped ??= gzipAsync(this.text);
    return this.#gzipped;
  }

  /** The text as UTF-8, encoded once (a client without gzip gets these bytes). */
  bytes(): Buffer {
    this.#bytes ??= Buffer.from(this.text);
    return this.#bytes;
  }

  /**
   * A strong entity tag of the text, hashed once (linear in the answer, once per snapshot). The gzip
   * representation gets its own tag: the two differ byte for byte, and a 304 must name what the client has.
   */
  etag(encoding: 'identity' | 'gzip'): string {
    this.#etag ??= tagOf(this.text);
    return encoding === 'gzip' ? `"${this.#etag}-gzip"` : `"${this.#etag}"`;
  }
}
