/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: a list of tags or `*`, compared weakly, so a
 * `W/` prefix the client or a proxy added still matches).
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const wanted = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === wanted;
  });
}
