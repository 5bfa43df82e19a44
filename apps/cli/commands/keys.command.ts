// `ledger keys create --unit ID --user NAME | revoke --id KEYID | list [--json]` (README: Commands). A key is shown
// once, alone on the last line of `create`; only its SHA-256 is stored. A key is only issued for a unit the ledger
// knows: a lead unit of the rulebook or one introduced by a UnitRegistered event in its stream.
import { UNIT_ID_PATTERN } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { unitStreamId } from '../../../libs/ledger/src/stream-ids.js';
import { getRulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';

const usage = `Usage: ledger keys create --unit ID --user NAME
       ledger keys revoke --id KEYID
       ledger keys list [--json]

API keys authenticate callers of the HTTP API (Authorization: Bearer <key>) and fix the actor of what they append.

  create   issues a key for a person of a unit; prints it once, alone on the last line (only its hash is stored).
           The unit must be a lead unit of the rulebook or registered by a UnitRegistered event.
  revoke   revokes a key by its id (the "key id" that create printed, or that list shows)
  list     every key: id, unit, user, created, revoked (never the key itself)

Options:
  --unit ID     (create) the unit, e.g. haibin-street or gov-office
  --user NAME   (create) the person, e.g. inspector-07
  --id KEYID    (revoke) the key id
  --json        (list) as JSON
  -h, --help    this text

Exit status: 0 done; 1 unknown unit, or no live key with that id; 2 bad usage or no database.
`;

/** The units of the rulebook are fixed; every other unit exists once its stream holds a UnitRegistered. */
export async function unitIsKnown(store: EventStore, unitId: string): Promise<boolean> {
  if (getRulebook('lc-2017').leadUnits.some((u) => u.unitId === unitId)) return true;
  const first = await store.readStream(unitStreamId(unitId), { limit: 1 });
  return first.some((e) => e.type === 'UnitRegistered');
}

async function usageError(io: CliIo, message: string): Promise<number> {
  await write(io.stderr, `keys: ${message}\n\n${usage}`);
  return EXIT_USAGE;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h') {
    await write(action === undefined ? io.stderr : io.stdout, usage);
    return action === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (action === 'create') {
    const parsed = await parseCommandArgs(io, 'keys create', usage, rest, { unit: { type: 'string' }, user: { type: 'string' } });
    if (typeof parsed === 'number') return parsed;
    const { unit, user } = parsed.values;
    if (unit === undefined || user === undefined) return usageError(io, 'create needs --unit ID and --user NAME');
    if (!UNIT_ID_PATTERN.test(unit)) return usageError(io, `--unit "${unit}" is not a unit id (lowercase letters, digits and hyphens)`);
    if (user.trim() === '' || user.length > 200) return usageError(io, '--user must be a non-empty name of at most 200 characters');
    return withLedger(io, 'keys', async ({ pool, store }) => {
      if (!(await unitIsKnown(store, unit))) {
        await write(io.stderr, `keys: unknown unit "${unit}": neither a lead unit of the rulebook nor registered by a UnitRegistered event\n`);
        return EXIT_BAD_INPUT;
      }
      const issued = await new ApiKeysRepository(pool).issue(unit, user);
      await write(io.stdout, `key id ${issued.keyId} for ${user} of ${unit}; the key is shown only now:\n${issued.key}\n`);
      return EXIT_OK;
    });
  }
  if (action === 'revoke') {
    const parsed = await parseCommandArgs(io, 'keys revoke', usage, rest, { id: { type: 'string' } });
    if (typeof parsed === 'number') return parsed;
    const keyId = parsed.values.id;
    if (keyId === undefined) return usageError(io, 'revoke needs --id KEYID');
    return withLedger(io, 'keys', async ({ pool }) => {
      if (!(await new ApiKeysRepository(pool).revoke(keyId))) {
        await write(io.stderr, `keys: no live key with id "${keyId}" (unknown or already revoked)\n`);
        return EXIT_BAD_INPUT;
      }
      await write(io.stdout, `revoked key ${keyId}\n`);
      return EXIT_OK;
    });
  }
  if (action === 'list') {
    const parsed = await parseCommandArgs(io, 'keys list', usage, rest, { json: { type: 'boolean' } });
    if (typeof parsed === 'number') return parsed;
    return withLedger(io, 'keys', async ({ pool }) => {
      const keys = await new ApiKeysRepository(pool).list();
      if (parsed.values.json) {
        await write(io.stdout, `${JSON.stringify(keys, null, 2)}\n`);
        return EXIT_OK;
      }
      const rows = [['KEY ID', 'UNIT', 'USER', 'CREATED', 'REVOKED'], ...keys.map((k) => [k.keyId, k.unitId, k.userId, k.createdAt, k.revokedAt ?? '-'])];
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      await write(io.stdout, rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n');
      return EXIT_OK;
    });
  }
  return usageError(io, `unknown action "${action}": create, revoke or list`);
}

export const command: CliCommand = { name: 'keys', summary: 'create, revoke and list API keys (a key is printed once)', usage, run };
