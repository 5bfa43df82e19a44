// Fixture: breaks the dependency rule on purpose. Linted as if it lived in libs/rulebook (see dependency-rule spec).
import { Injectable } from '@nestjs/common';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';

@Injectable()
export class LeakyEvaluator {
  constructor(readonly store: PostgresEventStore) {}
  now(): Date {
    return new Date();
  }
}
