import { randomBytes } from 'node:crypto';
import { partnerTopic } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { withAdmin } from '../provision.ts';
import { ensureTopics, partnerTopicSpec } from '../topics.ts';
import { partnerAcls } from './acl-bindings.ts';
import { ensureAcls, removeAclsOf } from './ensure-acls.ts';
import { partnerPrincipal } from './principals.ts';
import { deleteScramPassword, setScramPassword } from './scram-users.ts';

export interface PartnerCredentialsInput {
  /** A super user over SASL_SSL. */
  admin: KafkaConnection;
  caFile: string;
  classpath: string;
  topicPrefix: string;
}

export interface IssuedCredentials {
  partner: string;
  username: string;
  /** Shown once: the broker keeps only a salted SCRAM hash of it. */
  password: string;
  topic: string;
}

/**
 * Gives a partner a SCRAM-SHA-512 login that may write its own topic (created when missing) and nothing
 * else. Issuing again replaces the password, which is how a leaked one is rotated.
 */
export async function issuePartnerCredentials(input: PartnerCredentialsInput, partner: string): Promise<IssuedCredentials> {
  const topic = partnerTopic(partner, input.topicPrefix);
  const username = partnerPrincipal(partner);
  const password = randomBytes(24).toString('base64url');
  await ensureTopics(input.admin, [partnerTopicSpec(partner, input.topicPrefix)]);
  await setScramPassword({ classpath: input.classpath, via: input.admin, caFile: input.caFile }, username, password);
  await withAdmin(input.admin, (admin) => ensureAcls(admin, partnerAcls(partner, input.topicPrefix)));
  return { partner, username, password, topic };
}

/**
 * Takes the login away: its ACLs go at once (an open connection can no longer write), and its SCRAM
 * credential so it cannot sign in again. The topic and what it holds stay until their retention ends.
 */
export async function revokePartnerCredentials(
  input: PartnerCredentialsInput,
  partner: string,
): Promise<{ aclsRemoved: number }> {
  const username = partnerPrincipal(partner);
  const aclsRemoved = await withAdmin(input.admin, (admin) => removeAclsOf(admin, username));
  await deleteScramPassword({ classpath: input.classpath, via: input.admin, caFile: input.caFile }, username).catch(
    (error: Error) => {
      // A partner revoked twice has no credential left; that is the state asked for.
      if (!/not found|RESOURCE_NOT_FOUND|doesn't exist|does not exist/i.test(error.message)) throw error;
    },
  );
  return { aclsRemoved };
}
