/**
 * Runs one step of a test with its own deadline, so a test made of several slow steps fails by naming the
 * step that hung (and what `explain` says about it) instead of with the runner's bare "Test timed out".
 * The step keeps running in the background after its deadline; the test is failing anyway.
 */
export async function withinDeadline<T>(
  what: string,
  timeoutMs: number,
  run: () => Promise<T>,
  explain: () => string = () => '',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`step "${what}" did not finish within ${timeoutMs}ms`)), timeoutMs);
  });
  try {
    return await Promise.race([run(), deadline]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const context = explain();
    throw new Error(`${what} failed after ${Date.now() - started}ms: ${reason}${context ? `\n${context}` : ''}`, {
      cause: err,
    });
  } finally {
    clearTimeout(timer);
  }
}
