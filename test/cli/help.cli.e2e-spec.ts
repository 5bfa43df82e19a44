import { runCli } from './support/run-cli.js';

describe('ledger --help', () => {
  it.each(['verify', 'export', 'import', 'keys', 'rebuild', 'demo'])('%s --help prints its usage on stdout and exits 0', async (name) => {
    const run = await runCli([name, '--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage: ledger ${name}`));
  });

  it('lists the database commands in the overview', async () => {
    const run = await runCli(['--help']);
    for (const name of ['verify', 'export', 'import', 'keys', 'rebuild', 'demo']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('answers an unknown option with exit 2, the usage on stderr and nothing on stdout', async () => {
    expect(await runCli(['export', '--bogus'])).toMatchObject({ code: 2, stdout: '' });
  });
});
