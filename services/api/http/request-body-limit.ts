import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IngestSettings } from '../ingest/ingest-settings.ts';
import { ProblemError } from './problem.ts';

/**
 * Caps every request body before anything reads it (413 problem): a signal batch may be up to
 * `maxSignalsBodyBytes`, every other request only `maxOtherBodyBytes` (they carry small JSON or nothing).
 * Checked against Content-Length when there is one and while streaming otherwise (chunked bodies).
 */
export function requestBodyLimit(
  settings: Pick<IngestSettings, 'maxSignalsBodyBytes' | 'maxOtherBodyBytes'>,
  signalsPath: string,
): MiddlewareHandler {
  const limit = (maxSize: number, what: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, `the body is larger than ${maxSize} bytes, the limit for ${what}; send less per request`);
      },
    });
  const signals = limit(settings.maxSignalsBodyBytes, 'a signal batch');
  const other = limit(settings.maxOtherBodyBytes, 'this request');
  return (c, next) => (c.req.path === signalsPath ? signals(c, next) : other(c, next));
}
