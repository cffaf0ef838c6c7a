import type { DuckDBConnection } from '@duckdb/node-api';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import type { Subscription } from './subscription-match.ts';

const SELECT = `SELECT subscription_id, owner, wijken, gemeenten, themes, webhook_url FROM subscriptions`;

/** Every subscription in force in a snapshot, by id. */
export async function readSubscriptions(conn: DuckDBConnection): Promise<Subscription[]> {
  const reader = await conn.runAndReadAll(`${SELECT} ORDER BY subscription_id`);
  return reader.getRowObjectsJS().map(toSubscription);
}

/** One subscription, or null when the snapshot has none with that id. */
export async function readSubscription(conn: DuckDBConnection, id: string): Promise<Subscription | null> {
  const reader = await conn.runAndReadAll(`${SELECT} WHERE subscription_id = $id`, { id });
  const row = reader.getRowObjectsJS()[0];
  return row ? toSubscription(row) : null;
}

function toSubscription(row: Record<string, unknown>): Subscription {
  return {
    id: String(row.subscription_id),
    owner: String(row.owner),
    wijken: stringList(row.wijken),
    gemeenten: stringList(row.gemeenten),
    themes: stringList(row.themes).filter((theme): theme is Theme => (THEMES as readonly string[]).includes(theme)),
    webhookUrl: row.webhook_url === null ? null : String(row.webhook_url),
  };
}

/** A JSON array of strings as the pipeline stores it; anything else reads as empty (follows nothing). */
function stringList(text: unknown): string[] {
  try {
    const value: unknown = JSON.parse(String(text));
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
