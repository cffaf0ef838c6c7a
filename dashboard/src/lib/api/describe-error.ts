import { t } from '../i18n/translate.ts';
import { ApiError } from './api-error.ts';

/**
 * The sentence a user reads for a failed request: the server's own `detail` when it gave one, except for a
 * refusal by role (403), whose detail names operations and roles for developers, not for the person reading.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden');
    if (error.detail) return error.detail;
    if (error.status === 0) return t('error.network');
    return t('error.http', { status: error.status });
  }
  return t('error.network');
}

/** Whether asking again can help: not after a refusal by role (403), which only repeats itself. */
export function mayRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.status === 403);
}
