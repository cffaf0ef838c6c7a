/** What one subject (a token's `sub`, an API key's id) may ask of the API; parsed once in config.ts. */
export interface ReaderLimitSettings {
  /** Data requests (and event-stream opens) a minute, also the burst that may come at once. */
  dataPerMinute: number;
  /** Export downloads a minute, also their burst: each one writes a file. */
  exportsPerMinute: number;
  /** Exports being made or sent at the same time. */
  concurrentExports: number;
  /** Snapshot-event streams open at the same time. */
  streams: number;
}

/**
 * Defaults the dashboard never reaches: a page loads 4 or 5 data requests, and the alarm feed one more, and
 * loads them again for every new snapshot, which the pipeline may publish each second (SNAPSHOT_INTERVAL_MS
 * 1000), so a live tab asks up to ~360 a minute; 1,200 leaves room for three of them, or a script's burst over every wijk. The
 * dashboard downloads one export at a time and keeps one stream per tab.
 */
export const DEFAULT_READER_LIMITS: ReaderLimitSettings = {
  dataPerMinute: 1200,
  exportsPerMinute: 30,
  concurrentExports: 2,
  streams: 4,
};
