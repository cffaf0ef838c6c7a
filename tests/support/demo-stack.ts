import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { copyDashboardBuild } from './dashboard-build.ts';
import { createTopics, uniqueTopicNames, produceSignals, type OutgoingMessage } from './kafka-kit.ts';
import { settledSnapshot } from './settled-snapshot.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface DemoStackOptions {
  /** Prefix of the fresh topics, e.g. `e2e-walk`. */
  name: string;
  signals: number;
  seed: number;
  /** Produced before the demo signals (e.g. past weeks' deliveries); not part of `signals`. */
  extraMessages?: OutgoingMessage[];
  /** Added to the pipeline's environment (e.g. QUALITY_* settings). */
  pipelineEnv?: Record<string, string>;
}

/**
 * The real pipeline and API over the demo region, on fresh topics, once `signals` demo signals are
 * published; the API serves a private copy of the dashboard build so a rebuild elsewhere cannot blank it.
 * `stop` stops both and removes the copy.
 */
export async function startDemoStack(brokers: string[], options: DemoStackOptions): Promise<TestStack> {
  const names = uniqueTopicNames(options.name);
  await createTopics(brokers, names, 3);
  if (options.extraMessages) await produceSignals(brokers, names, options.extraMessages, 3_000);
  const generated = generateMessages({ registry: generateDemoRegion(), count: options.signals, seed: options.seed, badShare: 0 });
  await produceSignals(
    brokers,
    names,
    generated.messages.map((m) => ({ partner: m.partner, key: m.key, value: m.value })),
    3_000,
  );
  const dashboardDir = await copyDashboardBuild();
  const stack = await startTestStack(brokers, names, [], ['--dashboard', dashboardDir], options.pipelineEnv).catch(
    (error: unknown) => {
      rmSync(dashboardDir, { recursive: true, force: true });
      throw error;
    },
  );
  const stop = async () => {
    await stack.stop();
    rmSync(dashboardDir, { recursive: true, force: true });
  };
  try {
    const all = options.signals + (options.extraMessages?.length ?? 0);
    // In every period they touch: the quarters the overview shows by default included.
    await settledSnapshot(stack.pipeline, join(stack.dataDir, 'snapshots'), all);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...stack, stop };
}
