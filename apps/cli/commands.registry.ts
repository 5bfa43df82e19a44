// The commands of `ledger`. To add one: write commands/<name>.command.ts exporting `command`, and list it here.
import type { CliCommand } from './cli-command.js';

export interface CommandEntry {
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  evaluate: {
    summary: 'score events from an NDJSON file (events.md §5) and print the scores JSON',
    load: async () => (await import('./commands/evaluate.command.js')).command,
  },
};
