import type { DuckDBConnection } from '@duckdb/node-api';
import { newRecordKeySecret } from '../aggregate/record-key.ts';

/**
 * The secret record keys are hashed with, created once per live database and kept in it (never in a
 * snapshot). It is never rotated: new keys would redraw every published cell and let anyone holding
 * answers from before and after average the two draws.
 */
export async function readRecordKeySecret(db: DuckDBConnection): Promise<string> {
  await db.run('CREATE TABLE IF NOT EXISTS record_key_secret (secret VARCHAR NOT NULL)');
  const stored = (await db.runAndReadAll('SELECT secret FROM record_key_secret LIMIT 1')).getRowsJS()[0]?.[0];
  if (typeof stored === 'string') return stored;
  const secret = newRecordKeySecret();
  await db.run('INSERT INTO record_key_secret VALUES ($1)', [secret]);
  return secret;
}
