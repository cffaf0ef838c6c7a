/** The signal ledger as live databases held it before it was slim (migrate-slim-ledger.ts), for migration tests. */
export const WIDE_LEDGER = `CREATE TABLE signals (
  id UUID NOT NULL, partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, theme VARCHAR NOT NULL,
  category VARCHAR NOT NULL, area VARCHAR NOT NULL, wijk VARCHAR NOT NULL, gemeente VARCHAR NOT NULL,
  week DATE NOT NULL, age_band VARCHAR NOT NULL, severity VARCHAR NOT NULL, count INTEGER NOT NULL,
  "partition" INTEGER NOT NULL, "offset" BIGINT NOT NULL, ingested_at TIMESTAMP NOT NULL)`;
