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
  checkpoint: {
    summary: 'write the latest signed checkpoint of the log',
    load: async () => (await import('./commands/checkpoint.command.js')).command,
  },
  prove: {
    summary: 'write a self-contained inclusion proof bundle for one event',
    load: async () => (await import('./commands/prove.command.js')).command,
  },
  'check-proof': {
    summary: 'check a proof bundle offline against a verifier key',
    load: async () => (await import('./commands/check-proof.command.js')).command,
  },
  audit: {
    summary: 'the witness: check a kept checkpoint against the log as it is now',
    load: async () => (await import('./commands/audit.command.js')).command,
  },
  'signing-key': {
    summary: 'show or rotate the checkpoint signing key (prints verifier keys only)',
    load: async () => (await import('./commands/signing-key.command.js')).command,
  },
  evidence: {
    summary: 'list uploaded evidence files no event references (orphans)',
    load: async () => (await import('./commands/evidence.command.js')).command,
  },
  report: {
    summary: 'write the rankings, a unit’s 扣分明细 or a published result as XLSX, CSV or PDF',
    load: async () => (await import('./commands/report.command.js')).command,
  },
  demo: {
    summary: 'seed a realistic synthetic Licheng district ledger through the API command path (idempotent)',
    load: async () => (await import('./commands/demo.command.js')).command,
  },
};
