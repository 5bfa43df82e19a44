// The event-store port on EventStoreDB (@eventstore/db-client 6.x, server 22.10 or later). What differs from the
// PostgreSQL adapter, and why, is in docs/eventstoredb.md: positions are $all commit positions (increasing, with gaps),
// an append touches one stream, id checks / findByIds / readUnit use an in-process index built from $all, and
// recordedAt comes from the application clock.
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { Readable } from 'node:stream';
import type { StoredEvent } from '../../../../events/index.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type {
  AppendResult,
  EventStore,
  LedgerHead,
  ReadAllOptions,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port.js';
import { planAppend, sameContent } from './append-plan.js';
import { toClientConnectionString } from './connection-string.js';
import { fromRecordedEvent, isSystemEvent, toEventData, type ReadLedgerEvent } from './envelope-mapping.js';
import { mapClientError } from './error-mapping.js';
import { EventIdIndex } from './event-id-index.js';
import { MultiStreamAppendError } from './eventstoredb.errors.js';
import { readableBatches } from './readable-batches.js';
import { commitPositionToNumber, numberToPosition, revisionToBigInt, toClientCurrentRevision } from './revision-mapping.js';

export interface EventStoreDbEventStoreOptions {
  /** esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// (see event-store.config.ts). */
  connectionString: string;
  /** The clock for recordedAt (injected so tests and imports can fix it). */
  now?: () => Date;
  /** How long health() waits for the server, in milliseconds. */
  healthDeadlineMs?: number;
}

const KIND = 'eventstoredb';
const READ_PAGE = 1000;
const HEAD_PAGE = 100;
const ANY_ATTEMPTS = 8;

export class EventStoreDbEventStore implements EventStore {
  /** $all commit positions only increase; they have gaps (see docs/eventstoredb.md). */
  readonly positionsAreGapFree = false;
  private readonly client: EventStoreDBClient;
  private readonly now: () => Date;
  private readonly healthDeadlineMs: number;
  private readonly ids = new EventIdIndex();
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(toClientConnectionString(options.connectionString));
    this.now = options.now ?? (() => new Date());
    this.healthDeadlineMs = options.healthDeadlineMs ?? 2000;
  }

  async append(appends: StreamAppend[]): Promise<AppendResult> {
    if (appends.length === 0) return { events: [], nextRevisions: {} };
    if (appends.length > 1) {
      const streamIds = [...new Set(appends.map((a) => a.streamId))];
      if (streamIds.length === 1) throw new Error(`stream ${streamIds[0]} appears twice in one append`);
      throw new MultiStreamAppendError(streamIds);
    }
    const request = appends[0]!;
    if (request.events.length === 0) return { events: [], nextRevisions: {} };
    // With 'any' the caller accepts whatever is there, so a writer that slipped in between our read and our append is
    // no conflict for it: read the tail again and re-hash. Several tries, not one: under contention on a shared stream
    // each round has a winner, and 'any' must not fail where the PostgreSQL store (which locks) never does. With an
    // exact expectation the caller must decide, so it gets the ConcurrencyError at once.
    const attempts = request.expectedRevision === 'any' ? ANY_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(request);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
        // A little jitter so the losers of one round do not collide again in the next.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  async readStream(streamId: string, options: { fromRevision?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    const read = await this.readStreamEvents(streamId, options.fromRevision ?? 0, options.limit);
    return read.map((r) => r.event);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const from = await this.readableFrom(options.after);
    const read = await this.readAllLedger(from, options.limit ?? 1000);
    return read.filter((r) => r.event.position > options.after).map((r) => r.event);
  }

  /** A position EventStoreDB can start reading at (a record boundary) that loses no event after `after`. Positions we
   * handed out are boundaries; any other number is brought down to the last event at or before it. */
  private async readableFrom(after: number): Promise<number> {
    if (after === 0 || this.ids.hasPosition(after)) return after;
    await this.catchUpIndex();
    return this.ids.hasPosition(after) ? after : this.ids.floorPosition(after);
  }

  private async readAllLedger(after: number, limit: number): Promise<ReadLedgerEvent[]> {
    const events: ReadLedgerEvent[] = [];
    let cursor = after;
    // System events take room in a page without being ledger events, so read pages until the batch is full or the
    // log ends; otherwise a page of only system events would look like the end of the log.
    for (;;) {
      const pageSize = Math.min(limit - events.length, READ_PAGE) + 1;
      let seen = 0;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: cursor === 0 ? START : numberToPosition(cursor),
          maxCount: pageSize,
          direction: FORWARDS,
        })) {
          seen += 1;
          const recorded = resolved.event;
          const position = commitPositionToNumber(recorded?.position);
          // Reading from a position includes the event at it; the port's `after` excludes it.
          if (recorded === undefined || position === undefined || position <= cursor) continue;
          cursor = position;
          if (isSystemEvent(recorded)) continue;
          events.push(fromRecordedEvent(recorded));
          if (events.length === limit) return events;
        }
      } catch (error) {
        throw mapClientError(error);
      }
      if (seen < pageSize) return events;
    }
  }

  subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent[]> {
    return this.follow(options);
  }

  async readUnit(unitId: string): Promise<StoredEvent[]> {
    // The application keeps a unit's events in unit-<unitId>, but the port promises every event about the unit
    // wherever it was appended (as the PostgreSQL adapter's unit_id column does), so the index says where they are;
    // each stream involved is then read once over the range that holds them.
    await this.catchUpIndex();
    const byStream = new Map<string, { ids: Set<string>; from: number; to: number }>();
    for (const location of this.ids.unitEvents(unitId)) {
      const range = byStream.get(location.streamId);
      if (range === undefined) {
        byStream.set(location.streamId, { ids: new Set([location.eventId]), from: location.revision, to: location.revision });
      } else {
        range.ids.add(location.eventId);
        range.from = Math.min(range.from, location.revision);
        range.to = Math.max(range.to, location.revision);
      }
    }
    const events: StoredEvent[] = [];
    for (const [streamId, range] of byStream) {
      const read = await this.readStreamEvents(streamId, range.from, range.to - range.from + 1);
      for (const r of read) if (range.ids.has(r.event.eventId.toLowerCase()) && r.unitId === unitId) events.push(r.event);
    }
    return events.sort((a, b) => a.position - b.position);
  }

  async findByIds(eventIds: string[]): Promise<StoredEvent[]> {
    await this.catchUpIndex();
    const found: StoredEvent[] = [];
    for (const id of new Set(eventIds.map((e) => e.toLowerCase()))) {
      const location = this.ids.lookup(id);
      if (location === undefined) continue;
      const [read] = await this.readStreamEvents(location.streamId, location.revision, 1);
      if (read !== undefined && read.event.eventId.toLowerCase() === id) found.push(read.event);
    }
    return found.sort((a, b) => a.position - b.position);
  }

  async head(): Promise<LedgerHead> {
    return this.readHead();
  }

  async health(): Promise<{ kind: string; ok: boolean; head?: number; detail?: string }> {
    try {
      const head = await this.readHead(this.healthDeadlineMs);
      return { kind: KIND, ok: true, head: head.position };
    } catch (error) {
      return { kind: KIND, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async appendOnce(request: StreamAppend): Promise<AppendResult> {
    const { streamId } = request;
    // Ids are unique across the ledger, but EventStoreDB dedupes an id only at the revision it was first written
    // after; the id index finds an earlier try of this request, or the id used in another stream.
    await this.catchUpIndex();
    const stored: ReadLedgerEvent[] = [];
    for (const e of request.events) {
      const location = this.ids.lookup(e.eventId);
      if (location === undefined) continue;
      const [read] = await this.readStreamEvents(location.streamId, location.revision, 1);
      if (read !== undefined) stored.push(read);
    }
    // The tail gives prevHash and the exact revision to append after.
    const tail = await this.readTail(streamId);
    const plan = planAppend({
      streamId,
      expectedRevision: request.expectedRevision,
      events: request.events,
      tail,
      stored,
      now: this.now(),
    });
    if (plan.kind === 'already-stored') {
      return { events: plan.events, nextRevisions: { [streamId]: plan.lastRevision } };
    }
    try {
      await this.client.appendToStream(streamId, plan.events.map(toEventData), {
        expectedRevision: toClientCurrentRevision(plan.appendAfter),
      });
    } catch (error) {
      throw mapClientError(error, { streamId, expected: request.expectedRevision });
    }
    // Read back for the log positions (the append reports only the last one); this also catches a racing request
    // that reused our ids with other content, which EventStoreDB accepted as an idempotent no-op for us.
    const first = plan.events[0]!.streamRevision;
    const readBack = await this.readStreamEvents(streamId, first, plan.events.length);
    const events = plan.events.map((planned, i) => {
      const read = readBack[i];
      if (read === undefined || read.event.eventId !== planned.eventId) {
        throw new Error(`event ${planned.eventId} was appended to ${streamId} but is not at revision ${planned.streamRevision}`);
      }
      if (!sameContent({ ...request.events[i]!, streamId }, read)) throw new IdempotencyConflictError(planned.eventId);
      this.remember(read);
      return read.event;
    });
    return { events, nextRevisions: { [streamId]: events[events.length - 1]!.streamRevision } };
  }

  private async readTail(streamId: string): Promise<ReadLedgerEvent | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }) as AsyncIterable<ResolvedEvent>) {
        if (resolved.event !== undefined) return fromRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw mapClientError(error, { streamId });
    }
    return undefined;
  }

  private async readStreamEvents(streamId: string, fromRevision: number, limit: number | undefined): Promise<ReadLedgerEvent[]> {
    const events: ReadLedgerEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: fromRevision === 0 ? START : revisionToBigInt(fromRevision),
        direction: FORWARDS,
        ...(limit === undefined ? {} : { maxCount: limit }),
      }) as AsyncIterable<ResolvedEvent>) {
        if (resolved.event !== undefined) events.push(fromRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw mapClientError(error, { streamId });
    }
    return events;
  }

  private async *follow(options: SubscribeOptions): AsyncGenerator<StoredEvent[]> {
    let after = options.after;
    const from = await this.readableFrom(after);
    const subscription = this.client.subscribeToAll({
      fromPosition: from === 0 ? START : numberToPosition(from),
      // Server-side: skips $-typed events; stream names starting with $ are dropped below.
      filter: excludeSystemEvents(),
    });
    try {
      // The subscription is a Readable; its typings overload on() with events a plain Readable lacks.
      for await (const batch of readableBatches<AllStreamResolvedEvent>(subscription as unknown as Readable, {
        batchSize: options.batchSize ?? 100,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        release: () => subscription.unsubscribe(),
      })) {
        const events: StoredEvent[] = [];
        for (const resolved of batch) {
          const recorded = resolved.event;
          if (recorded === undefined || isSystemEvent(recorded)) continue;
          const event = fromRecordedEvent(recorded).event;
          // The subscription starts after the checkpoint; this only guards "each once" if a server ever repeats it.
          if (event.position <= after) continue;
          after = event.position;
          events.push(event);
        }
        if (events.length > 0) yield events;
      }
    } catch (error) {
      throw mapClientError(error);
    }
  }

  /** Reads the log written since the last look into the id index (the whole log on the first call). Calls queue one
   * behind another, so concurrent appends do not read the same stretch of log each. */
  private catchUpIndex(): Promise<void> {
    const run = this.catchingUp.catch(() => undefined).then(() => this.scanIntoIndex());
    this.catchingUp = run;
    return run;
  }

  private async scanIntoIndex(): Promise<void> {
    for (;;) {
      const batch = await this.readAllLedger(this.ids.scannedUpTo, READ_PAGE);
      for (const read of batch) this.remember(read);
      if (batch.length === 0) return;
      this.ids.markScanned(batch[batch.length - 1]!.event.position);
    }
  }

  private remember(read: ReadLedgerEvent): void {
    const { event, unitId } = read;
    this.ids.record(event.eventId, { streamId: event.streamId, revision: event.streamRevision, position: event.position, unitId });
  }

  private async readHead(deadline?: number): Promise<LedgerHead> {
    let from: typeof END | ReturnType<typeof numberToPosition> = END;
    try {
      for (;;) {
        let seen = 0;
        for await (const resolved of this.client.readAll({
          fromPosition: from,
          maxCount: HEAD_PAGE,
          direction: BACKWARDS,
          ...(deadline === undefined ? {} : { deadline }),
        })) {
          seen += 1;
          const recorded = resolved.event;
          if (recorded === undefined) continue;
          if (!isSystemEvent(recorded)) {
            const { event } = fromRecordedEvent(recorded);
            return { position: event.position, hash: event.hash };
          }
          const position = commitPositionToNumber(recorded.position);
          if (position !== undefined) from = numberToPosition(position);
        }
        if (seen < HEAD_PAGE) return { position: 0, hash: null };
      }
    } catch (error) {
      throw mapClientError(error);
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'stream-not-found';
}
