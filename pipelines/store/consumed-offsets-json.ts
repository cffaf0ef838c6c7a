/**
 * The consumed offsets as one JSON object (`"topic:partition": "next offset"`), read inside a transaction:
 * what a snapshot's meta and every alarm event say they were computed from, in one format.
 */
export const CONSUMED_OFFSETS_JSON_SQL = `SELECT coalesce(json_group_object(topic || ':' || "partition", next_offset::VARCHAR)::VARCHAR, '{}')
  FROM consumer_offsets`;

export async function consumedOffsetsJson(conn: {
  runAndReadAll(sql: string): Promise<{ getRowsJS(): unknown[][] }>;
}): Promise<string> {
  const rows = (await conn.runAndReadAll(CONSUMED_OFFSETS_JSON_SQL)).getRowsJS();
  return String(rows[0]?.[0] ?? '{}');
}
