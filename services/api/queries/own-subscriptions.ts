import type { DuckDBConnection } from '@duckdb/node-api';
import type { SubscriptionEntry } from '@wijksignaal/contracts/subscription-http';

/** The subscriptions in force that `owner` (a principal's subject) made, oldest change first. */
export async function ownSubscriptions(conn: DuckDBConnection, owner: string): Promise<SubscriptionEntry[]> {
  const reader = await conn.runAndReadAll(
    `SELECT subscription_id, wijken, gemeenten, themes, webhook_url, strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated
     FROM subscriptions WHERE owner = $1 ORDER BY updated_at, subscription_id`,
    [owner],
  );
  return reader.getRowObjectsJS().map((row) => ({
    subscriptionId: String(row.subscription_id),
    wijken: JSON.parse(String(row.wijken)) as string[],
    gemeenten: JSON.parse(String(row.gemeenten)) as string[],
    themes: JSON.parse(String(row.themes)) as SubscriptionEntry['themes'],
    webhookUrl: row.webhook_url === null ? null : String(row.webhook_url),
    updatedAt: String(row.updated),
  }));
}
