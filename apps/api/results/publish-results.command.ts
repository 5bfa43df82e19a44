import { Command } from '@nestjs/cqrs';
import type { Actor } from '../../../events/index.js';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';

export interface PublishedResults {
  resultId: string;
  position: number;
  assessmentId: string;
  asOf: string;
  knownAt: string;
  ledgerPosition: number;
  ledgerHash: string;
  scoresSha256: string;
  treeSize: number;
  rootHash: string;
  /** The signed checkpoint of the log at ledgerPosition (integrity.md §3). */
  checkpoint: string;
  scores: ScoresDocument;
}

export class PublishResultsCommand extends Command<PublishedResults> {
  constructor(
    readonly actor: Actor,
    readonly assessmentId: string,
    readonly asOf: string | undefined,
    readonly knownAt: string | undefined,
    /** Publication time: the ResultsPublished event's occurredAt. */
    readonly occurredAt: string,
  ) {
    super();
  }
}
