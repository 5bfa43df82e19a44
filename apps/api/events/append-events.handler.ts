// The one path every append takes (HTTP, the CLI demo, publication): validate the shape, load the state
// of the streams the batch touches, decide, and append guarded by the revisions that state was read at.
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { validateNewEvent, type NewEvent, type StoredEvent } from '../../../events/index.js';
import { ConcurrencyError, IdempotencyConflictError } from '../../../libs/event-store/src/event-store.errors.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { decide, streamsToLoad, toStreamAppends } from '../../../libs/ledger/src/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { AppendEventsCommand } from './append-events.command.js';
import { AppendRefusedError, decideRefusal, type EventProblem } from './append-refused.error.js';
import { DecideStateCache } from './decide-state.cache.js';
import { KeyedMutex } from './keyed-mutex.js';
import { EvidenceAccess } from '../evidence/evidence-access.js';
import { checkEvidenceFiles, fileHashesOf } from '../../../libs/ledger/src/evidence-files.check.js';

// Conflicts come only from other processes (this one takes turns per stream), so a few re-decisions suffice.
const MAX_ATTEMPTS = 10;
export const MAX_EVENTS_PER_APPEND = 1000;

@CommandHandler(AppendEventsCommand)
export class AppendEventsHandler implements ICommandHandler<AppendEventsCommand, StoredEvent[]> {
  private readonly turns = new KeyedMutex();
  private readonly logger = new Logger('append');
  private readonly states: DecideStateCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly evidence: EvidenceAccess,
  ) {
    this.states = new DecideStateCache(store, rulebook);
  }

  async execute(command: AppendEventsCommand): Promise<StoredEvent[]> {
    const stored = await this.append(command);
    // Every write leaves a line naming who (the request's key id and unit come with it) and what: positions and
    // catalogue types only — both checked by now — never the events' data.
    if (stored.length > 0) {
      this.logger.log({
        msg: 'appended',
        events: stored.length,
        from: stored[0].position,
        to: stored[stored.length - 1].position,
        types: [...new Set(stored.map((e) => e.type))].slice(0, 20),
        actorUnit: command.actor.unitId,
      });
    }
    return stored;
  }

  private async append(command: AppendEventsCommand): Promise<StoredEvent[]> {
    const events = this.validate(command);
    await this.checkFiles(command, events);
    const streamIds = streamsToLoad(events);
    return this.turns.withKeys(streamIds, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.decideAndAppend(command, events, streamIds);
        } catch (e) {
          if (e instanceof ConcurrencyError || e instanceof IdempotencyConflictError) this.states.forget(streamIds);
          // Another process appended between our read and our write: decide again on the new state. (When the
          // client pinned that stream's revision itself, decideAndAppend already answered with a conflict.)
          if (e instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
          if (e instanceof ConcurrencyError) throw new AppendRefusedError('conflict', [`expectedRevision: ${e.message}`]);
          if (e instanceof IdempotencyConflictError) {
            const index = events.findIndex((ev) => ev.eventId === e.eventId);
            throw new AppendRefusedError('conflict', [`events[${Math.max(index, 0)}].eventId: ${e.message}`]);
          }
          throw e;
        }
      }
    });
  }

  private validate(command: AppendEventsCommand): NewEvent[] {
    const raw = command.events;
    if (raw.length === 0) throw new AppendRefusedError('invalid', ['events: must hold at least one event']);
    if (raw.length > MAX_EVENTS_PER_APPEND) {
      throw new AppendRefusedError('invalid', [`events: at most ${MAX_EVENTS_PER_APPEND} events per request`]);
    }
    const problems: EventProblem[] = [];
    const others: string[] = [];
    const events = raw.map((item, i) => {
      const result = validateNewEvent(item);
      if (!result.ok) {
        problems.push(...result.problems.map((p) => ({ index: i, code: 'INVALID', ...p })));
        return null;
      }
      if (result.value.type === 'ResultsPublished' && !command.publishing) {
        // Its digest and head must be computed by the ledger itself, never typed in.
        problems.push({ index: i, field: 'type', code: 'PUBLISHED_BY_RESULTS_ROUTE', reason: 'ResultsPublished is appended by POST /v1/results, which computes and pins the digest' });
      }
      return { ...result.value, eventId: result.value.eventId ?? randomUUID() };
    });
    const ids = events.map((e) => e?.eventId).filter((id) => id !== undefined);
    if (new Set(ids).size !== ids.length) others.push('events: the same eventId appears twice in one request');
    if (problems.length > 0 || others.length > 0) throw AppendRefusedError.ofEvents('invalid', problems, others);
    return events as NewEvent[];
  }

  /** Evidence of kind `file` must name an upload the actor may use (issue 14). */
  private async checkFiles(command: AppendEventsCommand, events: NewEvent[]): Promise<void> {
    const hashes = fileHashesOf(events);
    if (hashes.length === 0) return;
    const problems = checkEvidenceFiles(events, await this.evidence.usableBy(command.actor, hashes));
    if (problems.length > 0) throw new AppendRefusedError('invalid', problems.map((p) => `events[${p.index}].${p.field}: ${p.reason}`));
  }

  private async decideAndAppend(command: AppendEventsCommand, events: NewEvent[], streamIds: string[]): Promise<StoredEvent[]> {
    let { state, revisions } = await this.states.load(streamIds);
    const recordedAt = new Date().toISOString();
    let decision = decide({ events, actor: command.actor, recordedAt }, state, this.rulebook);
    // A refusal may come from a cached state another process (a second API, the CLI) has moved past: catch up and
    // decide again before answering it.
    if (!decision.ok && (await this.states.catchUp(streamIds))) {
      ({ state, revisions } = await this.states.load(streamIds));
      decision = decide({ events, actor: command.actor, recordedAt }, state, this.rulebook);
    }
    if (!decision.ok) throw decideRefusal(decision.problems);
    const pinned = { ...command.expectedRevisions };
    command.eventExpectedRevisions.forEach((revision, i) => {
      if (revision !== undefined) pinned[decision.appends[i].streamId] = revision;
    });
    const appends = toStreamAppends(decision.appends, (streamId) => pinned[streamId] ?? revisions.get(streamId) ?? 'any');
    let result;
    try {
      result = await this.store.append(appends);
    } catch (e) {
      if (e instanceof ConcurrencyError && e.streamId in pinned) throw new AppendRefusedError('conflict', [`expectedRevision: ${e.message}`]);
      throw e;
    }
    if (streamIds.length === 1) this.states.appended(streamIds[0], result.events, result.nextRevisions[streamIds[0]]);
    else this.states.forget(streamIds);
    // The store answers stream by stream; the client gets its events back in the order it sent them.
    const byId = new Map(result.events.map((e) => [e.eventId, e]));
    return decision.appends.map((a) => byId.get(a.eventId)!);
  }
}
