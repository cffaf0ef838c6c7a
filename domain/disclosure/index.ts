export { protectTable } from './protect-table.ts';
export type {
  DerivedField,
  GroupTotal,
  ProtectTableInput,
  ProtectedRow,
  ProtectedTable,
  TableRelation,
} from './protect-table.ts';
export { DEFAULT_K, MIN_K, primaryCell, resolveK } from './primary-suppression.ts';
export { DEFAULT_MIN_DENOMINATOR, protectDerived } from './derived-suppression.ts';
export { HIDDEN_DISPLAY, hidden, isSuppressed, publishedNumber, smallCount } from './suppressed-value.ts';
export type { Cell, Suppressed } from './suppressed-value.ts';
