import { randomUUID } from 'node:crypto';

/** A caller's id is kept only when it is a plain token: nothing that could carry markup or a log line break. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The incoming `X-Request-Id` when it is a sane token of at most 64 characters, otherwise a new UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
