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
  const physical = body.split(/\r\n|\n|\r/);
  for (let i = 0; i < physical.length; i++) {
    const recordLine = i + 1;
    let text = physical[i]!;
    // Most rows have no quotes at all; split those directly and keep the careful path for the rest.
    if (!text.includes('"')) {
      pushRecord(records, lines, text.split(delimiter), recordLine);
      continue;
    }
    // A quoted field may hold line breaks: join physical lines until the quotes balance.
    while (countQuotes(text) % 2 === 1 && i + 1 < physical.length) text += '\n' + physical[++i]!;
    pushRecord(records, lines, splitQuoted(text, delimiter), recordLine);
  }
  const [header = [], ...rows] = records;
  lines.shift();
  return { delimiter, header: header.map((h) => h.trim()), rows, lines };
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

function splitQuoted(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
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
