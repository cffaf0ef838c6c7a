import { SNAPSHOT_TABLES } from '@wijksignaal/contracts/snapshot';

/**
 * The alarm events of the live database: the snapshot table's own definition (`contracts/snapshot.ts`),
 * so the copy into a snapshot is column for column. Only the analysis stage writes it, and only appends
 * (`pipelines/analyse/append-alarm-events.ts`). It is part of `LIVE_SCHEMA`, whose `IF NOT EXISTS` makes it the
 * start-up migration of a file made before alarms were kept as events; the alarms marker's code version
 * changed with it, so the first run after the upgrade is a full one and derives the judged weeks' events.
 */
export const ALARM_EVENTS_DDL = SNAPSHOT_TABLES.alarm_events.replace('CREATE TABLE alarm_events', 'CREATE TABLE IF NOT EXISTS alarm_events');
