import type { Page } from 'playwright-core';
import { parts, type Part } from '../../src/web/i18n/parts.ts';
import { zh } from '../../src/web/i18n/zh.ts';

function leaves(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leaves(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** Every key of the dictionary, the core's and every part's (src/web/i18n/parts.ts). */
export async function dictionaryKeys(): Promise<Set<string>> {
  const tables = await Promise.all((Object.keys(parts) as Part[]).map((name) => parts[name].zh()));
  return new Set([zh, ...tables].flatMap((table) => leaves(table)));
}

/**
 * A dictionary key shown on the page as text (`households.fields.head`): i18next shows the key when
 * the strings it names were not loaded — a page whose route does not load a part of the dictionary
 * it uses (src/web/app/routeDictionaries.ts). Returns the first one, or null.
 */
export async function rawKeyOn(page: Page, keys: ReadonlySet<string>): Promise<string | null> {
  const text = await page
    .locator('body')
    .innerText()
    .catch(() => '');
  const words = text.match(/\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+)+\b/g) ?? [];
  return words.find((word) => keys.has(word)) ?? null;
}
