// After sign-in (or a reload of the tab): who the key is, the rulebook and the units, once.
import { allPages, answer, api } from './api/client.js';
import type { Me, RulebookAnswer, UnitsAnswer } from './api/types.js';
import { session } from './session.js';

export async function loadSession(): Promise<void> {
  const [me, rulebook, units] = await Promise.all([
    answer<Me>(api.GET('/v1/me')),
    answer<RulebookAnswer>(api.GET('/v1/rulebook')),
    allPages((query) => answer<UnitsAnswer>(api.GET('/v1/units', { params: { query } })), (page) => page.units),
  ]);
  session.rulebook = rulebook;
  session.units = units;
  session.me = me;
}
