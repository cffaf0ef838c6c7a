import type { DuckDBConnection } from '@duckdb/node-api';
import type { UserAction } from '@wijksignaal/contracts/user-action';

/**
 * Applies user actions inside the caller's transaction (`writeBatch`, with the actions topic's offset).
 * Each action id is applied once: one the ledger `user_actions` already holds (the API produced it
 * twice, or it is read again) changes nothing. A subscription belongs to whoever put it first: a put or
 * delete by another subject is recorded as seen and ignored (the API refuses it before; this keeps the
 * rule where the data is written).
 */
export async function writeActions(db: DuckDBConnection, actions: readonly UserAction[]): Promise<number> {
  let applied = 0;
  for (const action of actions) {
    const fresh = await db.runAndReadAll(
      `INSERT INTO user_actions VALUES ($1, $2, $3::TIMESTAMP) ON CONFLICT DO NOTHING RETURNING action_id`,
      [action.actionId, action.type, action.at],
    );
    if (fresh.currentRowCount === 0) continue;
    applied++;
    if (action.type === 'alarm.triage') {
      await db.run(`INSERT INTO alarm_triage VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMP)`, [
        action.actionId,
        action.alarmId,
        action.status,
        action.note,
        action.by.subject,
        action.by.role,
        action.at,
      ]);
    } else if (action.type === 'subscription.put') {
      await db.run(
        `INSERT INTO subscriptions VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMP)
         ON CONFLICT DO UPDATE SET wijken = excluded.wijken, gemeenten = excluded.gemeenten, themes = excluded.themes,
           webhook_url = excluded.webhook_url, updated_at = excluded.updated_at
         WHERE subscriptions.owner = excluded.owner`,
        [
          action.subscriptionId,
          action.by.subject,
          JSON.stringify(action.wijken),
          JSON.stringify(action.gemeenten),
          JSON.stringify(action.themes),
          action.webhookUrl,
          action.at,
        ],
      );
    } else {
      await db.run(`DELETE FROM subscriptions WHERE subscription_id = $1 AND owner = $2`, [
        action.subscriptionId,
        action.by.subject,
      ]);
    }
  }
  return applied;
}
