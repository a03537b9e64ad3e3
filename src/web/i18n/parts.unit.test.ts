import { describe, expect, it } from 'vitest';
import { appRoutes } from '../../../test/e2e/routes.ts';
import { routeDictionaries } from '../app/routeDictionaries.ts';
import { en } from './en.ts';
import { parts, type Part } from './parts.ts';
import { zh } from './zh.ts';

/** Every leaf of a nested string table as its dotted key. */
function leaves(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leaves(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

const names = Object.keys(parts) as Part[];
const loaded = await Promise.all(
  names.map(async (name) => ({ name, zh: await parts[name].zh(), en: await parts[name].en() })),
);

describe('the dictionary in parts', () => {
  it('gives English exactly the Chinese keys, in the core and in every part', () => {
    expect(leaves(en).sort()).toEqual(leaves(zh).sort());
    for (const part of loaded) expect(leaves(part.en).sort(), part.name).toEqual(leaves(part.zh).sort());
  });

  it('defines each key once: a part never overrides the core or another part when merged', () => {
    const owner = new Map<string, string>(leaves(zh).map((key) => [key, 'core']));
    const twice: string[] = [];
    for (const part of loaded) {
      for (const key of leaves(part.zh)) {
        const first = owner.get(key);
        if (first) twice.push(`${key} (${first}, ${part.name})`);
        else owner.set(key, part.name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('names the parts of every route of the app, and of no route that does not exist', () => {
    const paths = appRoutes().map((route) => route.path);
    expect(paths.filter((path) => !(path in routeDictionaries))).toEqual([]);
    expect(Object.keys(routeDictionaries).filter((path) => !paths.includes(path))).toEqual([]);
  });
});
