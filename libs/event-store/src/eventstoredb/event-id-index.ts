// Where each ledger event lives (stream, revision, position) and which unit it is about, learned from the $all log.
// EventStoreDB has no index by event id or by anything in metadata, so global id uniqueness, findByIds and readUnit
// would each scan the whole log; this keeps what one scan learned and the position it reached, so the next look
// scans only what was written since. Entries never go stale: the ledger never moves or deletes events.
export interface EventLocation {
  streamId: string;
  revision: number;
  position: number;
  unitId: string | null;
}

export class EventIdIndex {
  private readonly byId = new Map<string, EventLocation>();
  private readonly byUnit = new Map<string, Map<string, EventLocation>>();
  private readonly positions = new Set<number>();
  private position = 0;

  /** The $all position up to which every ledger event has been recorded. */
  get scannedUpTo(): number {
    return this.position;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Records one event; appends record theirs too, without moving the scan mark (the log before them may be unread). */
  record(eventId: string, location: EventLocation): void {
    const id = eventId.toLowerCase();
    this.byId.set(id, location);
    this.positions.add(location.position);
    if (location.unitId !== null) {
      let ids = this.byUnit.get(location.unitId);
      if (ids === undefined) this.byUnit.set(location.unitId, (ids = new Map()));
      ids.set(id, location);
    }
  }

  /** Every ledger event up to this position has been recorded. */
  markScanned(position: number): void {
    if (position > this.position) this.position = position;
  }

  /** Whether a ledger event sits at this $all position. */
  hasPosition(position: number): boolean {
    return this.positions.has(position);
  }

  /** The last ledger event position at or before `position` (0 for none). EventStoreDB can only start a read at a
   * record boundary, while a caller may ask for any number. */
  floorPosition(position: number): number {
    let floor = 0;
    for (const p of this.positions) if (p <= position && p > floor) floor = p;
    return floor;
  }

  lookup(eventId: string): EventLocation | undefined {
    return this.byId.get(eventId.toLowerCase());
  }

  /** The events about one unit, in log order. */
  unitEvents(unitId: string): Array<EventLocation & { eventId: string }> {
    return [...(this.byUnit.get(unitId)?.entries() ?? [])]
      .map(([eventId, location]) => ({ eventId, ...location }))
      .sort((a, b) => a.position - b.position);
  }
}
