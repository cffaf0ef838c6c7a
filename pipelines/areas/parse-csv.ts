/** A parsed delimited text file: the header, the data rows and the 1-based line each row starts on. */
export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  rows: string[][];
  lines: number[];
}

/**
 * Parses the comma- or semicolon-separated exports CBS and spreadsheets produce: optional BOM, CRLF,
 * quoted fields with doubled quotes and embedded newlines. The delimiter is whichever of `,` and `;`
 * occurs more often outside quotes on the header line, because Dutch Excel writes `;`.
 */
export function parseCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const records: string[][] = [];
  const lines: number[] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      pushRecord(records, lines, record, recordLine);
      field = '';
      record = [];
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  record.push(field);
  pushRecord(records, lines, record, recordLine);
  const [header = [], ...rows] = records;
  lines.shift();
  return { delimiter, header: header.map((h) => h.trim()), rows, lines };
}

function pushRecord(records: string[][], lines: number[], record: string[], line: number): void {
  // Blank lines (including the one after a trailing newline) carry no data.
  if (record.length === 1 && record[0]!.trim() === '') return;
  records.push(record);
  lines.push(line);
}

function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
