import { hash, randomBytes } from 'node:crypto';

/** A signal's record key for cell-key perturbation: a keyed hash of its id, 32 bits (domain/published). */
export type RecordKey = (signalId: string) => number;

/**
 * Record keys are a keyed hash (SHA-256 of secret and id), not random draws: a signal replayed after a
 * crash or a rebuild gets the same key, so exactly-once ingestion keeps every published number the same.
 * The secret stops anyone who knows a signal id (its partner) from computing its key.
 */
export function recordKeys(secret: string): RecordKey {
  // One-shot hash of `secret:id`: the same digest as hashing the parts in turn, at about half the cost of
  // a Hash object per signal (a national batch hashes tens of thousands).
  const prefix = `${secret}:`;
  return (signalId) => hash('sha256', prefix + signalId.toLowerCase(), 'buffer').readUInt32BE(0);
}

/** A new secret for a new live database. */
export function newRecordKeySecret(): string {
  return randomBytes(32).toString('hex');
}
