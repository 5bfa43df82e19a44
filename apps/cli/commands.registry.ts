// The commands of `ledger`. To add one: write commands/<name>.command.ts exporting `command`, and list it here.
import type { CliCommand } from './cli-command.js';

export interface CommandEntry {
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  evaluate: {
    summary: 'score events from an NDJSON file and print the scores JSON (offline)',
    load: async () => (await import('./commands/evaluate.command.js')).command,
  },
  verify: {
    summary: 'recompute every hash chain and check positions; name the first bad position',
    load: async () => (await import('./commands/verify.command.js')).command,
  },
  export: {
    summary: 'write the whole ledger as NDJSON in position order',
    load: async () => (await import('./commands/export.command.js')).command,
  },
  import: {
    summary: 'restore an export into an empty ledger, checking every hash first',
    load: async () => (await import('./commands/import.command.js')).command,
  },
  keys: {
    summary: 'create, revoke and list API keys (a key is printed once)',
    load: async () => (await import('./commands/keys.command.js')).command,
  },
  rebuild: {
    summary: 'rebuild read models from zero (progress on stderr)',
    load: async () => (await import('./commands/rebuild.command.js')).command,
  },
  demo: {
    summary: 'seed a realistic synthetic Licheng district ledger through the API command path (idempotent)',
    load: async () => (await import('./commands/demo.command.js')).command,
  },
};
