import { describe, expect, it } from 'vitest';
import { householdsEn } from '../../i18n/parts/households.en.ts';
import { householdsZh } from '../../i18n/parts/households.zh.ts';
import { mediationZh } from '../../i18n/parts/mediation.zh.ts';
import { portalZh } from '../../i18n/parts/portal.zh.ts';
import { suggestionsZh } from '../../i18n/parts/suggestions.zh.ts';
import { statusKey } from './portalStatus.ts';

/** The dictionary entry at a dotted key, as i18next resolves it. */
const lookup = (dict: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);

// the parts the portal page loads (app/routeDictionaries.ts), as i18next merges them
const zh = { ...householdsZh, ...suggestionsZh, ...mediationZh, ...portalZh };
const en = { ...householdsEn };

describe('portal status words', () => {
  it('use each module’s own vocabulary in both languages', () => {
    const word = (kind: Parameters<typeof statusKey>[0], status: string, dict: object = zh) =>
      lookup(dict, statusKey(kind, status));
    expect(word('concern', 'open')).toBe(zh.households.concerns.status_open);
    expect(word('concern', 'open')).not.toBe('征集中');
    expect(word('topic', 'open')).toBe('征集中');
    expect(word('suggestion', 'handled')).toBe(zh.suggestions.status.handled);
    expect(word('case', 'mediating')).toBe(zh.mediation.statuses.mediating);
    expect(word('move', 'scheduled')).toBe(zh.portal.status.scheduled);
    expect(word('concern', 'in_progress', en)).toBe(en.households.concerns.status_in_progress);
  });
});
