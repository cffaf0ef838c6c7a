import { partnerTopic, partnerTopicPrefix } from '@wijksignaal/contracts/topics';
import { INTERNAL_PRINCIPALS, partnerPrincipal } from './principals.ts';

export type AclResource = 'topic' | 'group';
export type AclOperation = 'read' | 'write';

/** One ALLOW rule: `principal` may `operation` on the `resource` named (or, when prefixed, starting with) `name`. */
export interface AclBinding {
  principal: string;
  resource: AclResource;
  name: string;
  prefixed: boolean;
  operation: AclOperation;
}

/** The names a Wijksignaal installation uses; tests pass their own to get the same rules on their topics. */
export interface WijksignaalNames {
  topicPrefix: string;
  dlqTopic: string;
  /** Triage marks and subscriptions: the API writes them, the pipeline stores them (`contracts/user-action.ts`). */
  actionsTopic: string;
  /** The pipeline's consumer groups all start with this. */
  groupPrefix: string;
}

/**
 * Least privilege for the processes (READ and WRITE imply DESCRIBE; WRITE on a topic also allows an
 * idempotent producer): the pipeline reads the partner topics and the dead-letter topic and writes dead
 * letters; the API writes signals into partner topics and rejection records into the dead-letter topic; the
 * demo simulator writes into partner topics. Nobody else may write the dead-letter topic, so its records
 * (which feed ingest status) cannot be forged. The API writes the actions topic and the pipeline reads it:
 * a triage mark's `by` is the principal the API authenticated, and no partner or simulator can add one.
 */
export function internalAcls(names: WijksignaalNames): AclBinding[] {
  const partnerTopics = partnerTopicPrefix(names.topicPrefix);
  const pipeline = INTERNAL_PRINCIPALS.pipeline;
  const api = INTERNAL_PRINCIPALS.api;
  return [
    { principal: pipeline, resource: 'topic', name: partnerTopics, prefixed: true, operation: 'read' },
    { principal: pipeline, resource: 'topic', name: names.dlqTopic, prefixed: false, operation: 'read' },
    { principal: pipeline, resource: 'topic', name: names.dlqTopic, prefixed: false, operation: 'write' },
    { principal: pipeline, resource: 'group', name: names.groupPrefix, prefixed: true, operation: 'read' },
    { principal: api, resource: 'topic', name: partnerTopics, prefixed: true, operation: 'write' },
    { principal: api, resource: 'topic', name: names.dlqTopic, prefixed: false, operation: 'write' },
    { principal: api, resource: 'topic', name: names.actionsTopic, prefixed: false, operation: 'write' },
    { principal: pipeline, resource: 'topic', name: names.actionsTopic, prefixed: false, operation: 'read' },
    { principal: INTERNAL_PRINCIPALS.demoPartners, resource: 'topic', name: partnerTopics, prefixed: true, operation: 'write' },
  ];
}

/** A partner writes its own topic and nothing else: it cannot read, not even what it sent. */
export function partnerAcls(partner: string, topicPrefix: string): AclBinding[] {
  return [
    {
      principal: partnerPrincipal(partner),
      resource: 'topic',
      name: partnerTopic(partner, topicPrefix),
      prefixed: false,
      operation: 'write',
    },
  ];
}
