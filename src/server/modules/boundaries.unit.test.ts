import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { moduleBoundaries } from '../../../eslint.boundaries.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Lints a fixture as if it stood at `placedAt`, with the boundary rules that eslint.config.js uses. */
async function lintAs(fixture: string, placedAt: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@typescript-eslint': tseslint.plugin },
      },
      ...moduleBoundaries,
    ],
  });
  const code = readFileSync(path.join(root, 'test/fixtures/boundaries', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, placedAt) });
  expect(result?.fatalErrorCount).toBe(0);
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (eslint.boundaries.ts)', () => {
  it("refuses a module importing another module's internal file", async () => {
    const messages = await lintAs('reaches-in.ts', 'src/server/modules/portal/reaches-in.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('@typescript-eslint/no-restricted-imports');
    expect(messages[0]).toContain("'../households/households.timeline.ts'");
    expect(messages[0]).toContain('index.ts');
  });

  it('refuses it from a module subfolder too', async () => {
    const messages = await lintAs(
      'reaches-in-deep.ts',
      'src/server/modules/households/ledger/reaches-in-deep.ts',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("'../../renewal/plans.service.ts'");
  });

  it('refuses platform code importing any module', async () => {
    const messages = await lintAs('platform-reaches-up.ts', 'src/server/platform/platform-reaches-up.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('platform, access and db sit under the modules');
  });

  it("lets a module import another module's index.ts and its own files", async () => {
    expect(await lintAs('through-index.ts', 'src/server/modules/portal/through-index.ts')).toEqual([]);
  });
});
