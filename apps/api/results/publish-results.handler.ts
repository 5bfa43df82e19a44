// Publishing pins the current head, computes every unit's scores from the events up to it, and appends
// ResultsPublished through the ordinary append path (so decide checks that only 区政府办 may publish).
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { formatInstant, parseInstant, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { AppendEventsCommand } from '../events/append-events.command.js';
import { AppendRefusedError } from '../events/append-refused.error.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { IntegrityService } from '../integrity/integrity.service.js';
import { scoresAtHead, scoresDigest } from '../../../libs/application/src/published-results.js';
import { PublishResultsCommand, type PublishedResults } from './publish-results.command.js';

@CommandHandler(PublishResultsCommand)
export class PublishResultsHandler implements ICommandHandler<PublishResultsCommand, PublishedResults> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly commands: CommandBus,
    @Inject(IntegrityService) private readonly integrity: IntegrityService,
  ) {}

  async execute(command: PublishResultsCommand): Promise<PublishedResults> {
    if (command.actor.unitId !== this.rulebook.governmentOffice) {
      throw new AppendRefusedError('forbidden', [`actor: only ${this.rulebook.governmentOffice} may publish results, not "${command.actor.unitId}"`]);
    }
    const offset = this.rulebook.utcOffsetMinutes;
    // Normalised once, so the pinned values are exactly what a later recomputation reads back.
    const asOf = formatInstant(parseInstant(command.asOf ?? this.rulebook.year.to), offset);
    const knownAt = formatInstant(parseInstant(command.knownAt ?? new Date().toISOString()), offset);
    const head = await this.store.head();
    if (head.position === 0 || !head.hash) throw new AppendRefusedError('invalid', ['ledger: nothing to publish, the ledger is empty']);
    const { scores } = await scoresAtHead(this.store, this.rulebook, { asOf, knownAt, ledgerPosition: head.position });
    // integrity.md §3: the tree of the log at ledgerPosition, signed as a checkpoint the response carries.
    const { checkpoint, treeSize, rootHash } = await this.integrity.pinTree(head.position);
    const data = {
      assessmentId: command.assessmentId,
      asOf,
      knownAt,
      ledgerPosition: head.position,
      ledgerHash: head.hash,
      scoresSha256: scoresDigest(scores),
      treeSize,
      rootHash,
    };
    const [stored] = await this.commands.execute(
      new AppendEventsCommand(command.actor, [{ eventId: randomUUID(), type: 'ResultsPublished', schemaVersion: 2, occurredAt: command.occurredAt, evidence: [], data }], {}, [], true),
    );
    return { resultId: stored.eventId, position: stored.position, ...data, checkpoint, scores };
  }
}
