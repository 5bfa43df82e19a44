// The guard of the dependency direction must itself be tested: a fixture that breaks it must fail lint.
import { readFile } from 'node:fs/promises';
import { ESLint } from 'eslint';

const fixture = new URL('../lint-fixtures/rulebook-imports-framework.ts', import.meta.url);

async function lintAs(filePath: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(await readFile(fixture, 'utf8'), { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the dependency rule', () => {
  it('refuses a framework, an adapter and the clock inside libs/rulebook', async () => {
    const messages = await lintAs('libs/rulebook/src/leaky-evaluator.ts');
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no-restricted-imports: '@nestjs\/common' import is restricted.*no framework/),
        expect.stringMatching(/no-restricted-imports: .*libs\/rulebook imports only events/),
        expect.stringMatching(/no-restricted-syntax: pure domain code takes time as an argument/),
      ]),
    );
  });

  it('refuses the same imports inside events/ and libs/ledger', async () => {
    expect((await lintAs('events/leaky.ts')).some((m) => m.includes('no framework'))).toBe(true);
    expect((await lintAs('libs/ledger/src/leaky.ts')).some((m) => m.includes('libs/ledger imports only'))).toBe(true);
  });

  it('allows the same code in an app', async () => {
    const messages = await lintAs('apps/api/leaky.ts');
    expect(messages.filter((m) => m.startsWith('no-restricted'))).toEqual([]);
  });
});
