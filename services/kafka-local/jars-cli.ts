/** `npx tsx services/kafka-local/jars-cli.ts`: fetch the broker jars ahead of time (CI does this before tests). */
import { ensureKafkaJars } from './jars.ts';

try {
  const classpath = await ensureKafkaJars({ log: (line) => console.log(line) });
  console.log(`Kafka broker classpath: ${classpath}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
