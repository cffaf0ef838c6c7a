import { ProblemError } from '../http/problem.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * A subscription's webhook must be https: deliveries carry alarms of named wijken. Plain http only to
 * localhost or 127.0.0.1, and only when the API runs with its demo sign-in (no AUTH_ISSUER): a receiver on
 * the same machine for a demo or a test. Anything else is a one-line 400 problem.
 */
export function checkedWebhookUrl(url: string | null, allowLocalHttp: boolean): string | null {
  if (url === null || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw invalid('is not a URL');
  }
  if (parsed.username || parsed.password) throw invalid('must not carry a user name or password');
  if (parsed.protocol === 'https:') return parsed.href;
  if (parsed.protocol === 'http:' && allowLocalHttp && LOCAL_HOSTS.has(parsed.hostname)) return parsed.href;
  throw invalid(allowLocalHttp ? 'must be https (http only to localhost or 127.0.0.1 in the demo)' : 'must be https');
}

function invalid(reason: string): ProblemError {
  return new ProblemError(400, `webhookUrl ${reason}`, { invalidParams: [{ name: 'webhookUrl', reason }] });
}
