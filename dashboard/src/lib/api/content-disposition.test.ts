import { describe, expect, it } from 'vitest';
import { fileNameFromContentDisposition } from './content-disposition.ts';

const FALLBACK = 'wijksignaal-export.csv';
const name = (header: string | null) => fileNameFromContentDisposition(header, FALLBACK);

describe('fileNameFromContentDisposition', () => {
  it('reads the quoted file name the API sends', () => {
    expect(name('attachment; filename="wijksignaal-overview-loneliness-2024-W01-2024-W10.csv"')).toBe(
      'wijksignaal-overview-loneliness-2024-W01-2024-W10.csv',
    );
  });

  it('reads an unquoted name, any case of the parameter and extra spaces', () => {
    expect(name('attachment;FILENAME = weekly.parquet ; size=12')).toBe('weekly.parquet');
  });

  it('unescapes quoted pairs and keeps semicolons inside quotes', () => {
    expect(name('attachment; filename="a \\"b\\"; c.csv"')).toBe('a "b"; c.csv');
  });

  it('prefers filename* (UTF-8, percent-encoded) over filename, in either order', () => {
    expect(name(`attachment; filename="wijk.csv"; filename*=UTF-8''wijk%20%C3%A9%C3%A9n.csv`)).toBe('wijk één.csv');
    expect(name(`attachment; filename*=utf-8'nl'wijk%E2%80%93a.csv; filename="wijk-a.csv"`)).toBe('wijk–a.csv');
  });

  it('falls back to filename when filename* is in another charset or badly encoded', () => {
    expect(name(`attachment; filename*=ISO-8859-1''caf%E9.csv; filename="cafe.csv"`)).toBe('cafe.csv');
    expect(name(`attachment; filename*=UTF-8''%E0%A4%A.csv; filename="plain.csv"`)).toBe('plain.csv');
  });

  it('keeps only the last path segment and drops control characters', () => {
    expect(name('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(name('attachment; filename="C:\\\\temp\\\\x.csv"')).toBe('x.csv');
    expect(name('attachment; filename="a\u0007b.csv"')).toBe('ab.csv');
  });

  it('uses the fallback without a header, without a name, or with a name that is empty or only dots', () => {
    expect(name(null)).toBe(FALLBACK);
    expect(name('')).toBe(FALLBACK);
    expect(name('attachment')).toBe(FALLBACK);
    expect(name('attachment; filename=""')).toBe(FALLBACK);
    expect(name('attachment; filename=".."')).toBe(FALLBACK);
    expect(name('attachment; filename="dir/"')).toBe(FALLBACK);
  });
});
