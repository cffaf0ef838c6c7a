import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { DLQ_HEADERS } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import {
  issuePartnerCredentials,
  revokePartnerCredentials,
  type IssuedCredentials,
  type PartnerCredentialsInput,
} from '@wijksignaal/kafka-local/security/partner-credentials';
import { partnerTopicOf, pipelineArgs, produceJson, readAll, uniqueTopicNames } from '../support/kafka-kit.ts';
import { kcatLoginArgs, kcatProduce, requireKcatForScram, runKcat, type KcatLogin } from '../support/kcat.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { secureKafka, type SecureKafka } from '../support/secure-kafka.ts';
import { waitFor } from '../support/wait-for.ts';

// Two partners on the broker's SASL_SSL listener, each with its own SCRAM login from the credential tool.
const A = 'thuiszorg-demo';
const B = 'school-demo';
const names = uniqueTopicNames('broker-security');
const topicA = partnerTopicOf(names, A);
const topicB = partnerTopicOf(names, B);
let secure: SecureKafka;
let credentials: PartnerCredentialsInput;
let issuedA: IssuedCredentials;
let loginA: KcatLogin;
let asA: KafkaConnection;
let pipeline: ChildService | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-broker-security-'));

const wijk = generateDemoRegion().areas[0]!.code;
const signalOf = (partner: string) => ({
  id: crypto.randomUUID(),
  partner,
  sourceKind: 'home_care',
  theme: 'loneliness',
  category: 'isolation',
  area: wijk,
  areaYear: 2024,
  week: isoWeekFromDate(new Date()),
  ageBand: '75+',
  severity: 'medium',
});

beforeAll(async () => {
  await requireKcatForScram();
  secure = await secureKafka();
  // The production topics and ACLs of the pipeline, the API and the simulator, on this test's names.
  await secure.provision(names, [A, B]);
  credentials = await secure.credentialsInput(names.topicPrefix);
  issuedA = await issuePartnerCredentials(credentials, A);
  await issuePartnerCredentials(credentials, B);
  loginA = { username: issuedA.username, password: issuedA.password, caFile: secure.security.caFile };
  asA = secure.asPartnerLogin(issuedA.username, issuedA.password);
});

afterAll(async () => {
  await pipeline?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('partners authenticated at the broker (SASL_SSL, SCRAM-SHA-512, ACLs)', () => {
  it('lets a partner write its own topic, with kafkajs and with kcat', async () => {
    await produceJson(asA, topicA, [{ key: wijk, value: signalOf(A) }]);
    await kcatProduce(secure.brokers.join(','), topicA, [{ key: wijk, value: JSON.stringify(signalOf(A)) }], loginA);
    const stored = await readAll(secure.as('admin'), topicA, { expected: 2, timeoutMs: 60_000 });
    expect(stored.map((m) => JSON.parse(m.value!).partner)).toEqual([A, A]);
  });

  it("refuses partner A writing partner B's topic: an authorisation error in kafkajs and in kcat", async () => {
    await expect(produceJson(asA, topicB, [{ key: wijk, value: signalOf(A) }])).rejects.toThrow(/not authorized/i);
    const kcat = await runKcat(
      ['-P', '-b', secure.brokers.join(','), '-t', topicB, '-K', '\t', ...kcatLoginArgs(loginA)],
      `${wijk}\t${JSON.stringify(signalOf(A))}\n`,
    );
    expect(kcat.code).not.toBe(0);
    expect(kcat.stderr).toMatch(/authorization failed/i);
  });

  it('refuses partner A reading any topic, its own included', async () => {
    // kafkajs reports the refusal as "Failed to find group coordinator"; the broker's answer it logs says why.
    const brokerErrors: string[] = [];
    const consumer = new Kafka({
      clientId: 'partner-a-reader',
      ...asA,
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => brokerErrors.push(String(entry.log.error ?? '')),
    }).consumer({ groupId: `${names.groupId}.partner-a`, retry: { retries: 0 } });
    const crashed = new Promise<void>((done) => consumer.on(consumer.events.CRASH, () => done()));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topicA, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      await crashed;
      expect(brokerErrors.join('\n')).toMatch(/not authorized to access group/i);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    const kcat = await runKcat([
      '-C',
      '-b',
      secure.brokers.join(','),
      '-t',
      topicA,
      '-o',
      'beginning',
      '-e',
      ...kcatLoginArgs(loginA),
    ]);
    expect(kcat.code).not.toBe(0);
    expect(kcat.stderr).toMatch(/authorization failed/i);
  });

  it('refuses a wrong password and a connection without credentials', async () => {
    const wrong = secure.asPartnerLogin(issuedA.username, `${issuedA.password}x`);
    await expect(produceJson(wrong, topicA, [{ key: wijk, value: signalOf(A) }])).rejects.toThrow(/authentication failed|SASL/i);
    const kcat = await runKcat(['-L', '-b', secure.brokers.join(','), ...kcatLoginArgs({ ...loginA, password: 'wrong' })]);
    expect(kcat.code).not.toBe(0);
    expect(kcat.stderr).toMatch(/authentication failed/i);
    // TLS without a SASL login: the broker answers the version handshake and nothing else.
    const anonymous = new Kafka({
      clientId: 'anonymous',
      brokers: secure.brokers,
      ssl: secure.as('admin').ssl!,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      requestTimeout: 5000,
    }).admin();
    try {
      await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
    } finally {
      await anonymous.disconnect().catch(() => undefined);
    }
  });

  it("sends a message in A's topic that claims partner B to the dead-letter topic as partner_mismatch (pipeline over SASL_SSL)", async () => {
    pipeline = spawnService('pipelines/main.ts', [...pipelineArgs(names), '--partners', `${A},${B}`], {
      DATA_DIR: dataDir,
      ...secure.env('pipeline'),
      KAFKA_SESSION_TIMEOUT_MS: '3000',
      SNAPSHOT_INTERVAL_MS: '250',
    });
    const forged = signalOf(B);
    await produceJson(asA, topicA, [{ key: wijk, value: forged }]);
    const letters = await readAll(secure.as('admin'), names.dlq, {
      expected: (ms) => {
        if (pipeline!.child.exitCode !== null) throw new Error(`the pipeline exited: ${pipeline!.stderr.join('').slice(-400)}`);
        return ms.some((m) => m.value?.includes(forged.id));
      },
      timeoutMs: 90_000,
    });
    const letter = letters.find((m) => m.value?.includes(forged.id))!;
    expect(letter.headers[DLQ_HEADERS.reason]).toBe('partner_mismatch');
    expect(letter.headers[DLQ_HEADERS.partner]).toBe(A);
    expect(letter.headers[DLQ_HEADERS.topic]).toBe(topicA);
    // A's own signals on the same topic were taken (no dead letter names them).
    expect(letters.filter((m) => m.headers[DLQ_HEADERS.topic] === topicA)).toHaveLength(1);
    await waitFor(() => pipeline!.events.some((e) => e.event === 'batch.committed' && Number(e.accepted) > 0), {
      timeoutMs: 60_000,
      what: "the pipeline to accept A's own signals over SASL_SSL",
    });
  });

  it('revokes a partner: its writes are refused from then on, and its password no longer signs in', async () => {
    const { aclsRemoved } = await revokePartnerCredentials(credentials, A);
    expect(aclsRemoved).toBe(1);
    await expect(produceJson(asA, topicA, [{ key: wijk, value: signalOf(A) }])).rejects.toThrow(
      /not authorized|authentication failed|SASL/i,
    );
    const kcat = await runKcat(['-L', '-b', secure.brokers.join(','), ...kcatLoginArgs(loginA)]);
    expect(kcat.stderr).toMatch(/authentication failed/i);
  });
});
