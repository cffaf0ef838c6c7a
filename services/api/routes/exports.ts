import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { ApiEnv } from '../auth/api-env.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { disclosureFor, type DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectWeeklyCounts } from '../disclosure-views/protect-weekly-counts.ts';
import { EXPORT_FORMATS, writeExportFile, type ExportFormat, type ExportTable } from '../exports/export-file.ts';
import { exportResponse } from '../exports/export-response.ts';
import { OVERVIEW_COLUMNS, WEEKLY_COLUMNS, overviewRows, weeklyRows } from '../exports/export-tables.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { publishedCells } from '../queries/published-cells.ts';
import { themeAreas } from '../queries/theme-areas.ts';
import { PUBLISHED_COUNTS_NOTE, perturbationLine } from './published-counts-note.ts';
import { protectedOverview } from '../endpoints/protected-overview.ts';
import { resolveGridPeriod, resolveWeekRange, themePeriodQuery, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const format = z
  .enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(', ')}` })
  .default('csv')
  .openapi({ description: 'csv (metadata as leading `#` lines) or parquet (metadata as key-value metadata)' });

const fileResponses = (description: string) => ({
  200: {
    description,
    headers: z.object({
      'Content-Disposition': z.string().openapi({ description: 'attachment; filename="wijksignaal-….csv"' }),
      'X-Snapshot-Sequence': z.string().openapi({ description: 'The snapshot the file was made from' }),
      'X-Disclosure-K': z.string().openapi({ description: 'Counts below k are withheld' }),
    }),
    content: {
      'text/csv': { schema: z.string() },
      'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
});

const WITHHELD =
  'Withheld figures are empty, with `*_suppressed` true; `count_marker` is `<k` for a withheld count and `x` for a ' +
  'figure computed from one.';

const weeklyExportRoute = apiRoute({
  operationId: 'getWeeklyCountsExport',
  method: 'get',
  path: '/exports/weekly-counts',
  tags: ['Exports'],
  summary: 'Weekly counts per wijk for one theme and week range, as CSV or Parquet',
  description: `One row per wijk × week: the published weekly cells the series shows. ${PUBLISHED_COUNTS_NOTE} ${WITHHELD}`,
  request: { query: themeWeekRangeQuery.extend({ format }) },
  responses: fileResponses('The weekly counts file'),
});

const overviewExportRoute = apiRoute({
  operationId: 'getOverviewExport',
  method: 'get',
  path: '/exports/overview',
  tags: ['Exports'],
  summary: 'The overview per wijk for one theme and grid period, as CSV or Parquet',
  description: `The same cells as GET /overview, one row per wijk. ${PUBLISHED_COUNTS_NOTE} ${WITHHELD}`,
  request: { query: themePeriodQuery.extend({ format }) },
  responses: fileResponses('The overview file'),
});

/** Downloads for scripts and spreadsheets: the same published cells as the JSON they mirror. */
export function exportRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(weeklyExportRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const { table, snap, settings } = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const settings = disclosureFor(snap, deps.disclosure);
      const cells = await publishedCells(conn, {
        theme: query.theme,
        kind: 'week',
        ...range,
        levels: ['wijk'],
        dimensions: ['total'],
      });
      const rows = weeklyRows(query.theme, protectWeeklyCounts(await themeAreas(conn, query.theme), range, cells, settings));
      const meta = {
        ...metadata('weekly counts per wijk', snap, query.theme, settings),
        period: `${range.from}..${range.to}`,
        period_kind: 'week',
      };
      return { snap, settings, table: { columns: WEEKLY_COLUMNS, rows, metadata: meta } };
    });
    return send(table, query.format, `weekly-counts-${query.theme}-${range.from}-${range.to}`, snap, settings);
  });

  router.openapi(overviewExportRoute, async (c) => {
    const query = c.req.valid('query');
    const period = resolveGridPeriod(query, deps.now());
    const { table, snap, settings } = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const { areas, alarmWeeks, settings } = await protectedOverview(conn, snap, deps, { theme: query.theme, period });
      const rows = overviewRows(query.theme, period, areas);
      const meta = {
        ...metadata('overview per wijk', snap, query.theme, settings),
        period: `${period.from}..${period.to}`,
        period_kind: period.kind,
        period_label: period.label,
        alarm_weeks: `${alarmWeeks.from}..${alarmWeeks.to}`,
      };
      return { snap, settings, table: { columns: OVERVIEW_COLUMNS, rows, metadata: meta } };
    });
    return send(table, query.format, `overview-${query.theme}-${period.from}-${period.to}`, snap, settings);
  });

  return router;
}

function metadata(what: string, snap: Snapshot, theme: Theme, settings: DisclosureSettings): Record<string, string> {
  const { k, minDenominator } = settings;
  return {
    wijksignaal_export: what,
    snapshot_sequence: String(snap.sequence),
    snapshot_created_at: snap.createdAt,
    theme,
    k: String(k),
    min_denominator: String(minDenominator),
    perturbation: perturbationLine(k),
    suppression: `withheld counts are empty with *_suppressed true and count_marker <${k}; x = computed from a withheld count; rates need at least ${minDenominator} residents`,
  };
}

async function send(
  table: ExportTable,
  format: ExportFormat,
  name: string,
  snap: Snapshot,
  settings: DisclosureSettings,
): Promise<Response> {
  const file = await writeExportFile(table, format);
  return exportResponse(file, format, {
    fileName: `wijksignaal-${name}.${format}`,
    metadata: table.metadata,
    headers: { 'X-Snapshot-Sequence': String(snap.sequence), 'X-Disclosure-K': String(settings.k) },
  });
}
