// The indicator an event is about: its data.indicator, else the one its type feeds (ListBatchPublished → 2.1 …),
// and for a retraction the indicator of the finding it retracts.
import type { LedgerEvent } from '../../../events/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';

export function indicatorOfEvent(event: LedgerEvent, rulebook: Rulebook, known: ReadonlyMap<string, LedgerEvent>): string | null {
  if (typeof event.data.indicator === 'string') return event.data.indicator;
  if (event.type === 'FindingRetracted') {
    const finding = known.get(String(event.data.findingEventId));
    return finding && finding.type !== 'FindingRetracted' ? indicatorOfEvent(finding, rulebook, known) : null;
  }
  const fed = rulebook.indicators.filter((i) => i.feeds.includes(event.type));
  return fed.length === 1 ? fed[0].id : null;
}
