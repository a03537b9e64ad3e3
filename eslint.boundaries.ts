import type { Linter } from 'eslint';

// Module boundaries (issue #20): a server module offers other modules what they may use from one
// file, its index.ts; everything else in its folder is its own. platform/, access/ and db/ sit under
// the modules and import none of them (db/schema.ts alone gathers the modules' table types).
// The composition roots (app.ts, cli.ts, main.ts, background.ts, bootstrap.ts) wire modules up and
// may name their route, job and seed files; tests may reach in to check what they test.
// Checked by src/server/modules/boundaries.unit.test.ts against test/fixtures/boundaries/.
// @typescript-eslint/no-restricted-imports (the core rule's twin), so that blocks which restrict
// core no-restricted-imports for some of these files do not replace these patterns.

const RULE = '@typescript-eslint/no-restricted-imports';
const message = "Another module's internals: import what it offers from its index.ts.";
/** Any path that names a module's file other than its index.ts (also spelled through ../modules/). */
const viaModulesFolder = { regex: '(^|/)modules/[a-z][\\w-]*/(?!index\\.ts$)', message };
const tests = ['**/*.test.ts', '**/*.test.tsx'];

export const moduleBoundaries: Linter.Config[] = [
  {
    files: ['src/server/modules/*/*.ts'],
    ignores: tests,
    rules: {
      [RULE]: [
        'error',
        { patterns: [{ regex: '^\\.\\./[a-z][\\w-]*/(?!index\\.ts$)', message }, viaModulesFolder] },
      ],
    },
  },
  {
    files: ['src/server/modules/*/*/*.ts'],
    ignores: tests,
    rules: {
      [RULE]: [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./[a-z][\\w-]*/(?!index\\.ts$)', message }, viaModulesFolder] },
      ],
    },
  },
  {
    files: ['src/server/platform/**/*.ts', 'src/server/access/**/*.ts', 'src/server/db/**/*.ts'],
    ignores: [...tests, 'src/server/db/schema.ts'],
    rules: {
      [RULE]: [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules/',
              message:
                'platform, access and db sit under the modules: they take what they need as arguments.',
            },
          ],
        },
      ],
    },
  },
];
