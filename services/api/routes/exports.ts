import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { isoWeekRange } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { ApiEnv } from '../auth/api-env.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { protectWeeklyCube } from '../disclosure-views/protect-weekly-cube.ts';
import { EXPORT_FORMATS, writeExportFile, type ExportFormat, type ExportTable } from '../exports/export-file.ts';
import { exportResponse } from '../exports/export-response.ts';
import { OVERVIEW_COLUMNS, WEEKLY_COLUMNS, overviewRows, weeklyRows } from '../exports/export-tables.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { wijkWeekCounts } from '../queries/wijk-week-counts.ts';
import { protectedOverview } from './protected-overview.ts';
import { resolveWeekRange, themeWeekRangeQuery, type WeekRange } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const exportQuery = themeWeekRangeQuery.extend({
  format: z
    .enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(', ')}` })
    .default('csv')
    .openapi({ description: 'csv (metadata as leading `#` lines) or parquet (metadata as key-value metadata)' }),
});

const fileResponses = (description: string) => ({
  200: {
    description,
    headers: z.object({
      'Content-Disposition': z.string().openapi({ description: 'attachment; filename="wijksignaal-….csv"' }),
      'X-Snapshot-Sequence': z.string().openapi({ description: 'The snapshot the file was made from' }),
      'X-Disclosure-K': z.string().openapi({ description: 'Counts from 1 to k−1 are withheld' }),
    }),
    content: {
      'text/csv': { schema: z.string() },
      'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
});

const WITHHELD =
  'Withheld figures are empty, with `*_suppressed` true; `count_marker` is `<k` for a count from 1 to k−1 and `x` ' +
  'for a figure hidden so such a count cannot be worked out from the others.';

const weeklyExportRoute = apiRoute({
  operationId: 'getWeeklyCountsExport',
  method: 'get',
  path: '/exports/weekly-counts',
  tags: ['Exports'],
  summary: 'Weekly counts per wijk for one theme and period, as CSV or Parquet',
  description: `One row per wijk × week. ${WITHHELD}`,
  request: { query: exportQuery },
  responses: fileResponses('The weekly counts file'),
});

const overviewExportRoute = apiRoute({
  operationId: 'getOverviewExport',
  method: 'get',
  path: '/exports/overview',
  tags: ['Exports'],
  summary: 'The overview per wijk for one theme and period, as CSV or Parquet',
  description: `The same figures as GET /overview, one row per wijk. ${WITHHELD}`,
  request: { query: exportQuery },
  responses: fileResponses('The overview file'),
});

/** Downloads for scripts and spreadsheets, protected exactly like the JSON they mirror. */
export function exportRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(weeklyExportRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const weeks = isoWeekRange(range.from, range.to);
    const { table, snap } = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const { figures } = await protectedOverview(conn, snap, deps, { theme: query.theme, ...range });
      const counts = await wijkWeekCounts(conn, { theme: query.theme, ...range });
      const rows = weeklyRows(query.theme, protectWeeklyCube(figures, weeks, counts, deps.disclosure));
      return {
        snap,
        table: { columns: WEEKLY_COLUMNS, rows, metadata: metadata('weekly counts per wijk', snap, query.theme, range, deps) },
      };
    });
    return send(table, query.format, `weekly-counts-${query.theme}-${range.from}-${range.to}`, snap, deps);
  });

  router.openapi(overviewExportRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const { table, snap } = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const { areas, alarmWeeks } = await protectedOverview(conn, snap, deps, { theme: query.theme, ...range });
      const rows = overviewRows(query.theme, range, areas);
      const meta = {
        ...metadata('overview per wijk', snap, query.theme, range, deps),
        alarm_weeks: `${alarmWeeks.from}..${alarmWeeks.to}`,
      };
      return { snap, table: { columns: OVERVIEW_COLUMNS, rows, metadata: meta } };
    });
    return send(table, query.format, `overview-${query.theme}-${range.from}-${range.to}`, snap, deps);
  });

  return router;
}

function metadata(what: string, snap: Snapshot, theme: Theme, range: WeekRange, deps: RouteDeps): Record<string, string> {
  const k = deps.disclosure.k;
  return {
    wijksignaal_export: what,
    snapshot_sequence: String(snap.sequence),
    snapshot_created_at: snap.createdAt,
    theme,
    period: `${range.from}..${range.to}`,
    k: String(k),
    min_denominator: String(deps.disclosure.minDenominator),
    suppression: `counts 1..${k - 1} withheld (empty, *_suppressed true, count_marker <${k}); x = withheld so they cannot be worked out; rates need at least ${deps.disclosure.minDenominator} residents`,
  };
}

async function send(table: ExportTable, format: ExportFormat, name: string, snap: Snapshot, deps: RouteDeps): Promise<Response> {
  const file = await writeExportFile(table, format);
  return exportResponse(file, format, {
    fileName: `wijksignaal-${name}.${format}`,
    metadata: table.metadata,
    headers: { 'X-Snapshot-Sequence': String(snap.sequence), 'X-Disclosure-K': String(deps.disclosure.k) },
  });
}
