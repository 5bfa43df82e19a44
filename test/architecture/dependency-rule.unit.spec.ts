// The guard of the dependency direction must itself be tested: a fixture that breaks it must fail lint.
import { readFile } from 'node:fs/promises';
import { ESLint } from 'eslint';

const fixture = new URL('../lint-fixtures/rulebook-imports-framework.ts', import.meta.url);
const appsFixture = new URL('../lint-fixtures/cli-imports-api.ts', import.meta.url);

async function lintAs(filePath: string, source: URL | string = fixture) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const text = typeof source === 'string' ? source : await readFile(source, 'utf8');
  const [result] = await eslint.lintText(text, { filePath });
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

  it('refuses apps/cli importing apps/api, and the reverse: what they share is in libs/application', async () => {
    const fromCli = await lintAs('apps/cli/commands/leaky.command.ts', appsFixture);
    expect(fromCli).toEqual(expect.arrayContaining([expect.stringMatching(/app\.factory.*apps\/cli does not import the HTTP app/)]));
    const fromApi = await lintAs('apps/api/leaky.ts', appsFixture);
    expect(fromApi).toEqual(expect.arrayContaining([expect.stringMatching(/cli\/main\.js.*apps\/api does not import the CLI/)]));
    const fromShared = await lintAs(
      'libs/application/src/leaky.ts',
      "import { createLedgerApp } from '../../../apps/api/app.factory.js';\nexport const app = createLedgerApp;\n",
    );
    expect(fromShared).toEqual([expect.stringMatching(/libs\/application is shared by the apps and imports neither/)]);
  });
});
