import { isValidIsoWeek } from '@wijksignaal/contracts/iso-week';
import type { DetectionResult } from './detection-result.ts';
import { assertCount, type SparseWeekCount } from './weekly-series.ts';

/**
 * The analyst's exchange format: a CSV with a `week,count` header and one ISO week per row in, and
 * `week,observed,expected,upperbound,alarm` per evaluated week out, so a series can be checked by hand
 * against R or a spreadsheet. Errors name the line so the file can be fixed.
 */

export class CsvInputError extends Error {}

function cells(line: string): string[] {
  return line.split(',').map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

export function parseWeekCountCsv(text: string): SparseWeekCount[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex === -1) throw new CsvInputError('the input file is empty; expected a header line "week,count"');
  const header = cells(lines[headerIndex] ?? '').map((c) => c.toLowerCase());
  if (header.length !== 2 || header[0] !== 'week' || header[1] !== 'count') {
    throw new CsvInputError(`line ${headerIndex + 1}: expected the header "week,count", got "${lines[headerIndex]?.trim()}"`);
  }
  const rows: SparseWeekCount[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const [week, countText, ...rest] = cells(line);
    const where = `line ${i + 1}`;
    if (rest.length > 0 || week === undefined || countText === undefined) {
      throw new CsvInputError(`${where}: expected 2 columns (week,count), got "${line.trim()}"`);
    }
    if (!isValidIsoWeek(week))
      throw new CsvInputError(`${where}: "${week}" is not an ISO week (expected YYYY-Www, e.g. 2024-W07)`);
    const count = countText === '' ? NaN : Number(countText);
    try {
      assertCount(week, count);
    } catch (error) {
      throw new CsvInputError(`${where}: ${(error as Error).message.replace(/got NaN$/, `got "${countText}"`)}`);
    }
    rows.push({ week, count });
  }
  if (rows.length === 0) throw new CsvInputError('the input file has a header but no weeks');
  return rows;
}

const formatNumber = (value: number | null): string => (value === null ? '' : String(value));

export function formatDetectionCsv(results: readonly DetectionResult[]): string {
  const lines = ['week,observed,expected,upperbound,alarm'];
  for (const r of results) {
    if (r.notEvaluatedReason !== null) continue;
    lines.push([r.week, String(r.observed), formatNumber(r.expected), formatNumber(r.threshold), String(r.alarm)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
