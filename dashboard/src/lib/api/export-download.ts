import { fileNameFromContentDisposition } from './content-disposition.ts';
import { getOk, periodParams, type PeriodQuery, type RequestOptions } from './api-request.ts';

export type ExportKind = 'overview' | 'weekly-counts';
export type ExportFormat = 'csv' | 'parquet';

const EXPORT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet' };

export interface ExportDownload {
  blob: Blob;
  /** From Content-Disposition, else `wijksignaal-<kind>-<theme>-<from>-<to>.<format>`. */
  fileName: string;
}

/**
 * One export file (`/exports/overview` or `/exports/weekly-counts`) as a Blob, fetched with the user's token:
 * a plain link could not send it. Saving it is up to the caller.
 */
export async function fetchExport(
  kind: ExportKind,
  query: PeriodQuery & { format: ExportFormat },
  options: RequestOptions = {},
): Promise<ExportDownload> {
  const params = `${periodParams(query)}&format=${query.format}`;
  const response = await getOk(`/exports/${kind}?${params}`, EXPORT_TYPES[query.format], options);
  const fallback = `wijksignaal-${kind}-${query.theme}-${query.from}-${query.to}.${query.format}`;
  const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition'), fallback);
  return { blob: await response.blob(), fileName };
}
