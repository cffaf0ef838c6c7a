/**
 * (`at` is a keyword in DuckDB's grammar, so the column is quoted wherever it is named.)
 * Tables of what people do with alarms (`contracts/user-action.ts`), in the live database; the pipeline
 * writes them from the actions topic in one transaction with that topic's offsets (`write-actions.ts`).
 * `user_actions`: every action applied, by id, so an action delivered twice is applied once.
 * `alarm_triage`: every triage action (history, never updated); `subscriptions`: the subscriptions in force.
 * The last two are copied whole into every snapshot under the same names (`contracts/snapshot.ts`): people's
 * actions are few (a row per click), so a copy costs little next to the counts.
 * `action_offsets`: where the actions consumer continues; apart from `consumer_offsets`, which snapshots
 * publish as the signals' consumed offsets.
 */
export const ACTION_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS user_actions (action_id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alarm_triage (
    action_id VARCHAR PRIMARY KEY, alarm_id VARCHAR NOT NULL, status VARCHAR NOT NULL, note VARCHAR,
    by_subject VARCHAR NOT NULL, by_role VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS subscriptions (
    subscription_id VARCHAR PRIMARY KEY, owner VARCHAR NOT NULL, wijken VARCHAR NOT NULL, gemeenten VARCHAR NOT NULL,
    themes VARCHAR NOT NULL, webhook_url VARCHAR, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS action_offsets (
    topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, "partition"))`,
] as const;

/**
 * The start-up migration for a live file made before user actions: it creates their tables (and does
 * nothing on a file that has them). The actions consumer then reads the topic from its start.
 */
export async function createActionTables(db: { run(sql: string): Promise<unknown> }): Promise<void> {
  for (const ddl of ACTION_SCHEMA) await db.run(ddl);
}
