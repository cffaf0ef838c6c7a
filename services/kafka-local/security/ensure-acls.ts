import kafkajs, { type AclEntry, type Admin } from 'kafkajs';
import type { AclBinding } from './acl-bindings.ts';

// kafkajs is CommonJS and Node cannot see these enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** Adds the bindings; ones that exist already are left as they are (the broker keeps one of each). */
export async function ensureAcls(admin: Admin, bindings: readonly AclBinding[]): Promise<void> {
  if (bindings.length > 0) await admin.createAcls({ acl: bindings.map(toEntry) });
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
