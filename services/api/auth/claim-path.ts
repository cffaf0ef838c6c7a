/**
 * A claim by name or dotted path (`realm_access.roles`). An exact top-level name wins first, because some
 * identity providers use URLs with dots as claim names (`https://ggd.example.nl/roles`).
 */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
