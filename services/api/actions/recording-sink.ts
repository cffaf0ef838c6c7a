import type { UserAction } from '@wijksignaal/contracts/user-action';
import type { ActionSink } from './action-sink.ts';

/** A plain fake of the ActionSink port for route tests: every action taken lands in `sent`. Never used by main.ts. */
export function recordingSink(sent: UserAction[]): ActionSink {
  return {
    send: async (action) => void sent.push(action),
    close: async () => {},
  };
}
