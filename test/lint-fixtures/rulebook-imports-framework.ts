// Fixture: breaks the dependency rule on purpose. Linted as if it lived in libs/rulebook (see dependency-rule spec).
import { Injectable } from '@nestjs/common';
// As the import would be written from libs/rulebook/src/ (or libs/ledger/src/).
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';

@Injectable()
export class LeakyEvaluator {
  constructor(readonly store: PostgresEventStore) {}
  now(): Date {
    return new Date();
  }
}
