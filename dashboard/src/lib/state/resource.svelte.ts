/**
 * One piece of remote data with its loading and error state. A new load cancels the one in flight, and a
 * failed refresh keeps the previous data so the page does not go blank when the server hiccups.
 * Data is held raw (not deeply reactive): a national wijk map is megabytes of coordinates.
 */
export class Resource<T> {
  data = $state.raw<T | undefined>(undefined);
  error = $state.raw<unknown>(null);
  loading = $state(false);
  #controller: AbortController | null = null;

  async load(fetcher: (signal: AbortSignal) => Promise<T>): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const value = await fetcher(controller.signal);
      if (controller.signal.aborted) return;
      this.data = value;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  cancel(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.loading = false;
  }
}
