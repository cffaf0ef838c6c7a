// Values the global setup hands to test files through `inject(...)`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated host:port of the shared broker's loopback plaintext listener (anonymous = super user). */
    kafkaBrokers: string;
    /** The same broker's SASL_SSL listener, where credentials and ACLs apply. */
    kafkaSaslBrokers: string;
    /** Its folder: `security/` holds the CA and its own principals' passwords, `kraft/` the partitions. */
    kafkaBrokerDir: string;
  }
}

export {};
