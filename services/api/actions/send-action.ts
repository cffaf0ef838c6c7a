import type { Context } from 'hono';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import type { ApiEnv } from '../auth/api-env.ts';
import { ProblemError } from '../http/problem.ts';
import { SinkUnavailableError } from '../ingest/signal-sink.ts';
import type { ActionSink } from './action-sink.ts';

/** Who did it and when, as every action carries it: the authenticated principal and the app's clock. */
export function actionCommon(c: Context<ApiEnv>): Pick<UserAction, 'actionId' | 'by' | 'at'> {
  const principal = c.get('principal');
  return {
    actionId: crypto.randomUUID(),
    by: { subject: principal.subject, role: principal.role },
    at: c.var.now().toISOString(),
  };
}

/**
 * Produces the action and names it for the audit line (who, what, when: never a note's text). Without a
 * sink (no KAFKA_BROKERS) or when Kafka does not acknowledge, a 503 problem: the action was not taken.
 */
export async function sendAction(c: Context<ApiEnv>, sink: ActionSink | undefined, action: UserAction): Promise<void> {
  if (!sink) throw new ProblemError(503, 'storing actions is not configured; set KAFKA_BROKERS', {}, { 'Retry-After': '60' });
  try {
    await sink.send(action);
  } catch (error) {
    if (!(error instanceof SinkUnavailableError)) throw error;
    throw new ProblemError(
      503,
      'Kafka did not confirm the action, so it was not taken; send it again after Retry-After seconds',
      {},
      { 'Retry-After': '5' },
    );
  }
  c.set('auditAction', { type: action.type, id: action.actionId, status: action.type === 'alarm.triage' ? action.status : null });
}
