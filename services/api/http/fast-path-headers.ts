/** The request headers the fast path reads; a credential or id sent more than once is null (Hono judges it). */
export interface FastPathRequestHeaders {
  authorization: string | undefined | null;
  apiKey: string | undefined | null;
  requestId: string | undefined | null;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  /** A body is announced (Transfer-Encoding, or a Content-Length other than 0). */
  hasBody: boolean;
}

/**
 * The fast path's headers in one pass over `rawHeaders` (name, value, …): `req.headers` and
 * `req.headersDistinct` would each build an object of every header per request. Repeated
 * `Accept-Encoding` and `If-None-Match` are joined with ", " as node does.
 */
export function requestHeadersOf(raw: readonly string[]): FastPathRequestHeaders {
  const found: FastPathRequestHeaders = {
    authorization: undefined,
    apiKey: undefined,
    requestId: undefined,
    acceptEncoding: undefined,
    ifNoneMatch: undefined,
    hasBody: false,
  };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const value = raw[i + 1]!;
    switch (raw[i]!.toLowerCase()) {
      case 'authorization':
        found.authorization = found.authorization === undefined ? value : null;
        break;
      case 'x-api-key':
        found.apiKey = found.apiKey === undefined ? value : null;
        break;
      case 'x-request-id':
        found.requestId = found.requestId === undefined ? value : null;
        break;
      case 'accept-encoding':
        found.acceptEncoding = found.acceptEncoding === undefined ? value : `${found.acceptEncoding}, ${value}`;
        break;
      case 'if-none-match':
        found.ifNoneMatch = found.ifNoneMatch === undefined ? value : `${found.ifNoneMatch}, ${value}`;
        break;
      case 'transfer-encoding':
        found.hasBody = true;
        break;
      case 'content-length':
        if (value.trim() !== '0') found.hasBody = true;
        break;
    }
  }
  return found;
}
