/**
 * The file name a download's Content-Disposition header suggests (RFC 6266), or `fallback` when it names
 * none. `filename*` (RFC 8187, UTF-8 percent-encoded) wins over `filename`, as browsers do. The name is
 * reduced to its last path segment without control characters: it is only a suggestion for the save dialog,
 * never a path.
 */
export function fileNameFromContentDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const params = dispositionParams(header);
  const extended = params.get('filename*');
  const name = (extended !== undefined ? decodeExtended(extended) : null) ?? params.get('filename') ?? null;
  const safe = name === null ? '' : safeFileName(name);
  return safe || fallback;
}

/** `name=value` pairs after the disposition type; quoted values unescaped, names lower-cased. */
function dispositionParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(pattern)) {
    const key = match[1]!.toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!.trim();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** `UTF-8''wijksignaal-%E2%80%A6.csv` → the decoded name; null for another charset or a broken encoding. */
function decodeExtended(value: string): string | null {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match || match[1]!.toLowerCase() !== 'utf-8') return null;
  try {
    return decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
}

function safeFileName(name: string): string {
  const visible = [...name].filter((char) => char > '\u001f' && char !== '\u007f').join('');
  const segment = visible.split(/[/\\]/).pop() ?? '';
  const trimmed = segment.trim();
  return trimmed === '.' || trimmed === '..' ? '' : trimmed;
}
