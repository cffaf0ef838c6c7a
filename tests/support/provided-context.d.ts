// Values the global setup hands to test files through `inject(...)`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated host:port list of the Kafka broker the tests share. */
    kafkaBrokers: string;
  }
}

export {};
