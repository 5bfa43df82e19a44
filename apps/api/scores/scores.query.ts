import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../../events/index.js';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';

export class ScoresQuery extends Query<ScoresDocument> {
  constructor(
    readonly actor: Actor,
    readonly unitId: string | undefined,
    readonly asOf: string | undefined,
    readonly knownAt: string | undefined,
  ) {
    super();
  }
}
