// API keys and unit registration for a fault test's database, the way `ledger keys create` and 区政府办 do it.
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { LEDGER_APP_ROLE } from '../../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../../libs/persistence/src/pool.js';

export async function issueKey(url: string, unitId: string): Promise<string> {
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 1 });
  try {
    return (await new ApiKeysRepository(pool).issue(unitId, `${unitId}-fault`)).key;
  } finally {
    await pool.end();
  }
}

export async function registerUnits(baseUrl: string, govKey: string, units: string[]): Promise<void> {
  const res = await fetch(`${baseUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${govKey}` },
    body: JSON.stringify(units.map((unitId) => ({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId, name: unitId, kind: 'street' } }))),
  });
  if (res.status !== 201) throw new Error(`registering units: ${res.status} ${await res.text()}`);
}
