/**
 * An error of one of kafkajs's own classes with a message, as kafkajs raises it. Its typings leave out the
 * message these constructors take (and need) at run time.
 */
export function kafkajsError<T extends Error>(Type: new () => T, message: string): T {
  return new (Type as unknown as new (message: string) => T)(message);
}
