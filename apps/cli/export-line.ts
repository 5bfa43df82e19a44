// One line of `ledger export`, both ways: the stored envelope with its keys in a fixed order (so the same ledger
// always exports the same bytes), and the strict reading `ledger import` applies to it.
import {
  UNIT_ID_PATTERN,
  isInstant,
  validateNewEvent,
  type FieldProblem,
  type StoredEvent,
} from '../../events/index.js';
import { streamIdFor } from '../../libs/ledger/src/stream-ids.js';

export function formatExportLine(e: StoredEvent): string {
  return JSON.stringify({
    position: e.position,
    streamId: e.streamId,
    streamRevision: e.streamRevision,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.actor,
    evidence: e.evidence,
    data: e.data,
    hash: e.hash,
    prevHash: e.prevHash,
  });
}

export type ParsedExportLine = { ok: true; event: StoredEvent } | { ok: false; problems: FieldProblem[] };

const KEYS = ['position', 'streamId', 'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actor', 'evidence', 'data', 'hash', 'prevHash'];
const SHA256 = /^[0-9a-f]{64}$/;
// Lower case only: the hash covers the id as the database prints it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

function ledgerFieldProblems(raw: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of KEYS) if (!(key in raw)) problems.push({ field: key, reason: 'is required in an exported event' });
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) problems.push({ field: key, reason: 'is not a field of an exported event' });
  if ('position' in raw && !isCount(raw.position, 1)) problems.push({ field: 'position', reason: 'must be an integer >= 1' });
  if ('streamRevision' in raw && !isCount(raw.streamRevision, 0)) problems.push({ field: 'streamRevision', reason: 'must be an integer >= 0' });
  if ('streamId' in raw && (typeof raw.streamId !== 'string' || raw.streamId === '')) problems.push({ field: 'streamId', reason: 'must be a non-empty string' });
  if ('eventId' in raw && (typeof raw.eventId !== 'string' || !UUID.test(raw.eventId))) problems.push({ field: 'eventId', reason: 'must be a UUID in lower case' });
  // The database keeps milliseconds in UTC; any other spelling would not come back as the hash covered it.
  if ('recordedAt' in raw && !(isInstant(raw.recordedAt) && new Date(Date.parse(raw.recordedAt)).toISOString() === raw.recordedAt)) {
    problems.push({ field: 'recordedAt', reason: 'must be a UTC instant with milliseconds, as exported, e.g. 2017-10-06T03:02:13.120Z' });
  }
  for (const key of ['hash', 'prevHash']) {
    if (key in raw && (typeof raw[key] !== 'string' || !SHA256.test(raw[key]))) problems.push({ field: key, reason: 'must be 64 lowercase hex digits' });
  }
  const actor = raw.actor;
  if (!isObject(actor) || Object.keys(actor).some((k) => k !== 'unitId' && k !== 'userId')) {
    problems.push({ field: 'actor', reason: 'must be an object with only unitId and userId' });
  } else {
    if (typeof actor.unitId !== 'string' || !UNIT_ID_PATTERN.test(actor.unitId)) problems.push({ field: 'actor.unitId', reason: 'must be a unit id' });
    if (typeof actor.userId !== 'string' || actor.userId.trim() === '' || actor.userId.length > 200) {
      problems.push({ field: 'actor.userId', reason: 'must be a non-empty string of at most 200 characters' });
    }
  }
  return problems;
}

export function parseExportLine(text: string): ParsedExportLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ field: '(line)', reason: `is not valid JSON (${(error as Error).message})` }] };
  }
  if (!isObject(raw)) return { ok: false, problems: [{ field: '(line)', reason: 'must be a JSON object' }] };
  // The envelope and data as an append checks them; then what only a stored event has.
  const shape = validateNewEvent(raw);
  const problems = [...(shape.ok ? [] : shape.problems), ...ledgerFieldProblems(raw)];
  if (!shape.ok || problems.length > 0) return { ok: false, problems };
  const event = raw as unknown as StoredEvent;
  const expected = streamIdFor(event);
  if (event.streamId !== expected) return { ok: false, problems: [{ field: 'streamId', reason: `must be "${expected}" for this event` }] };
  return { ok: true, event };
}
