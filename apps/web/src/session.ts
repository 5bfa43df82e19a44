// The signed-in key and what the API says it may do. The key lives in sessionStorage only (gone when the tab
// closes, never in a URL or a log); signing out clears it.
import { reactive } from 'vue';
import type { Me, RulebookAnswer, UnitListing } from './api/types.js';

const KEY = 'ledger.apiKey';

export const session = reactive({
  key: sessionStorage.getItem(KEY) ?? '',
  me: null as Me | null,
  rulebook: null as RulebookAnswer | null,
  units: [] as UnitListing[],
  /** Set when the API answered 401: the page returns to sign-in with a notice. */
  expiredNotice: false,
  signIn(key: string) {
    this.key = key.trim();
    sessionStorage.setItem(KEY, this.key);
    this.expiredNotice = false;
  },
  signOut() {
    this.key = '';
    this.me = null;
    this.units = [];
    sessionStorage.removeItem(KEY);
  },
  expired() {
    if (!this.key) return;
    this.signOut();
    this.expiredNotice = true;
  },
});

export function unitName(unitId: string): string {
  return session.units.find((u) => u.unitId === unitId)?.name ?? session.rulebook?.leadUnits.find((u) => u.unitId === unitId)?.name ?? unitId;
}
