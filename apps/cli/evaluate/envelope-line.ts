// One NDJSON line as the envelope of docs/events.md. Unlike an API append, an import keeps what the line says of
// the ledger's own fields: `actor` (who appended it, needed to check who may append what) and `recordedAt`
// (defaulting to `occurredAt`, for "known at" questions).
import { createHash } from 'node:crypto';
import { UNIT_ID_PATTERN, isInstant, validateNewEvent, type FieldProblem, type LedgerEvent } from '../../../events/index.js';

export type ParsedLine = { ok: true; event: LedgerEvent } | { ok: false; problems: FieldProblem[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An event without an id gets one derived from its line, so the same file always gives the same trace. */
export function derivedEventId(lineNumber: number, text: string): string {
  const hex = createHash('sha256').update(`${lineNumber}\n${text}`, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function actorProblems(actor: unknown): FieldProblem[] {
  if (actor === undefined) return [{ field: 'actor', reason: 'is required: the unit and person who appended the event, e.g. {"unitId":"gov-office","userId":"clerk-01"}' }];
  if (!isObject(actor)) return [{ field: 'actor', reason: 'must be an object with unitId and userId' }];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(actor)) if (key !== 'unitId' && key !== 'userId') problems.push({ field: `actor.${key}`, reason: 'is not a field of actor' });
  if (typeof actor.unitId !== 'string' || !UNIT_ID_PATTERN.test(actor.unitId)) {
    problems.push({ field: 'actor.unitId', reason: 'must be a unit id: lowercase letters, digits and hyphens, at most 64' });
  }
  if (typeof actor.userId !== 'string' || actor.userId.trim() === '' || actor.userId.length > 200) {
    problems.push({ field: 'actor.userId', reason: 'must be a non-empty string of at most 200 characters' });
  }
  return problems;
}

export function parseEnvelopeLine(text: string, lineNumber: number): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ field: '(line)', reason: `is not valid JSON (${(error as Error).message})` }] };
  }
  const shape = validateNewEvent(raw);
  const envelope = isObject(raw) ? raw : {};
  const problems = [...(shape.ok ? [] : shape.problems), ...(isObject(raw) ? actorProblems(envelope.actor) : [])];
  if (envelope.recordedAt !== undefined && !isInstant(envelope.recordedAt)) {
    problems.push({ field: 'recordedAt', reason: 'must be an ISO 8601 date-time with an offset, e.g. 2017-10-06T11:02:13.120+08:00' });
  }
  if (!shape.ok || problems.length > 0) return { ok: false, problems };
  const event = shape.value;
  const actor = envelope.actor as { unitId: string; userId: string };
  return {
    ok: true,
    event: {
      eventId: event.eventId ?? derivedEventId(lineNumber, text),
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      recordedAt: (envelope.recordedAt as string | undefined) ?? event.occurredAt,
      actor: { unitId: actor.unitId, userId: actor.userId },
      evidence: event.evidence,
      data: event.data,
    },
  };
}
