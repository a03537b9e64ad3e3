import type { PortalItemKind } from '../../../contract/portal.ts';

/**
 * The dictionary key that words a portal item's status: the owning module's own vocabulary, so a
 * status reads the same on the portal as on the module's pages (a suggestion 已办理 on both, a
 * concern 待办 and not a topic's 征集中). Kinds without a module vocabulary use the portal's.
 */
const MODULE_WORDS: Partial<Record<PortalItemKind, (status: string) => string>> = {
  suggestion: (s) => `suggestions.status.${s}`,
  topic: (s) => `suggestions.topicStatus.${s}`,
  concern: (s) => `households.concerns.status_${s}`,
  case: (s) => `mediation.statuses.${s}`,
};

export function statusKey(kind: PortalItemKind, status: string): string {
  return MODULE_WORDS[kind]?.(status) ?? `portal.status.${status}`;
}
