/** Poll a condition with a deadline instead of sleeping; shared with the broker's own readiness check. */
export { waitFor, type WaitForOptions } from '@wijksignaal/kafka-local/wait-for';
