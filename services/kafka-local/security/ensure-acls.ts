import kafkajs, { type AclEntry, type Admin } from 'kafkajs';
import { waitFor } from '../wait-for.ts';
import type { AclBinding } from './acl-bindings.ts';

// kafkajs is CommonJS and Node cannot see these enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/**
 * Adds the bindings (ones that exist already are left as they are: the broker keeps one of each) and waits
 * until the broker's authorizer lists them all: the controller commits them first and the broker applies
 * them a moment later, and a client that signs in within that moment would be refused.
 */
export async function ensureAcls(admin: Admin, bindings: readonly AclBinding[]): Promise<void> {
  if (bindings.length === 0) return;
  const wanted = bindings.map(toEntry);
  await admin.createAcls({ acl: wanted });
  const keyOf = (e: Omit<AclEntry, 'host' | 'permissionType'>) =>
    `${e.principal}|${e.resourceType}|${e.resourceName}|${e.resourcePatternType}|${e.operation}`;
  await waitFor(
    async () => {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      const present = new Set(resources.flatMap((r) => r.acls.map((a) => keyOf({ ...r, ...a }))));
      return wanted.every((e) => present.has(keyOf(e)));
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the broker to apply the new ACLs' },
  );
}

/** Removes every ACL of a principal (revoking a partner). */
export async function removeAclsOf(admin: Admin, principal: string): Promise<number> {
  const response = await admin.deleteAcls({
    filters: [
      {
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${principal}`,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    ],
  });
  return response.filterResponses.reduce((sum, r) => sum + r.matchingAcls.length, 0);
}

function toEntry(binding: AclBinding): AclEntry {
  return {
    principal: `User:${binding.principal}`,
    host: '*',
    resourceType: binding.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: binding.name,
    resourcePatternType: binding.prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    operation: binding.operation === 'read' ? AclOperationTypes.READ : AclOperationTypes.WRITE,
    permissionType: AclPermissionTypes.ALLOW,
  };
}
