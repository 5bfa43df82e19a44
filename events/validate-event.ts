// Shape validation of an incoming event (envelope + data). Knows nothing of the rulebook: whether an indicator
// exists, or whether an actor may append it, is for decide (libs/ledger).
import { validateSync, type ValidationError } from 'class-validator';
import { EVIDENCE_KINDS, type Evidence, type NewEvent } from './envelope.js';
import { findDefinition, isKnownType } from './event-types.js';
// An instant needs its offset (a bare local time would be read differently on every machine) and a real date.
import { INSTANT_REASON, isInstant } from './instant.js';
import { hostileJsonProblems } from './hostile-json.js';

export interface FieldProblem {
  /** Path of the offending field, e.g. `data.numerator` or `evidence[0].sha256`. */
  field: string;
  reason: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;
const ENVELOPE_FIELDS = new Set(['eventId', 'type', 'schemaVersion', 'occurredAt', 'evidence', 'data']);
// Fields a client may send back from an export; the ledger sets them itself, so they are ignored on append.
const LEDGER_FIELDS = new Set(['recordedAt', 'actor', 'position', 'streamId', 'streamRevision', 'hash', 'prevHash']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A field name as the answer quotes it: the caller's own key, cut so a 1 MB name does not come back. */
const named = (key: string) => (key.length > 64 ? `${key.slice(0, 64)}…` : key);

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${named(e.property)}`;
    // A missing field fails every rule of the field; one message says what is wrong.
    if (e.value === undefined && e.constraints !== undefined) return [{ field, reason: 'is required' }];
    const own = Object.values(e.constraints ?? {}).map((reason) => ({
      field,
      reason: reason.startsWith('property ') ? 'is not a field of this event type' : reason,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Checks `data` against the registered class of `type`@`schemaVersion`. */
export function validateEventData(type: string, schemaVersion: number, data: unknown): FieldProblem[] {
  const definition = findDefinition(type, schemaVersion);
  if (!definition) return [{ field: 'schemaVersion', reason: `${type} has no schema version ${schemaVersion}` }];
  if (!isPlainObject(data)) return [{ field: 'data', reason: 'must be an object' }];
  const instance = Object.assign(new definition.dataClass(), data);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return flatten(errors, 'data');
}

function validateEvidence(evidence: unknown, required: boolean, type: string): FieldProblem[] {
  const missing = `a ${type} must carry at least one piece of evidence (kind, ref; sha256 for a document or a photo)`;
  if (evidence === undefined) return required ? [{ field: 'evidence', reason: missing }] : [];
  if (!Array.isArray(evidence)) return [{ field: 'evidence', reason: 'must be an array' }];
  if (required && evidence.length === 0) return [{ field: 'evidence', reason: missing }];
  if (evidence.length > 100) return [{ field: 'evidence', reason: 'must hold at most 100 items' }];
  return evidence.flatMap((item: unknown, i): FieldProblem[] => {
    const at = `evidence[${i}]`;
    if (!isPlainObject(item)) return [{ field: at, reason: 'must be an object with kind and ref' }];
    const problems: FieldProblem[] = [];
    for (const key of Object.keys(item)) {
      if (!['kind', 'ref', 'sha256'].includes(key)) problems.push({ field: `${at}.${named(key)}`, reason: 'is not a field of evidence' });
    }
    if (!EVIDENCE_KINDS.includes(item.kind as Evidence['kind'])) {
      problems.push({ field: `${at}.kind`, reason: `must be one of ${EVIDENCE_KINDS.join(', ')}` });
    }
    if (typeof item.ref !== 'string' || item.ref.trim() === '' || item.ref.length > 1000) {
      problems.push({ field: `${at}.ref`, reason: 'must be a non-empty string of at most 1000 characters' });
    }
    if (item.sha256 !== undefined && (typeof item.sha256 !== 'string' || !SHA256.test(item.sha256))) {
      problems.push({ field: `${at}.sha256`, reason: 'must be a SHA-256: 64 lowercase hex digits' });
    }
    if ((item.kind === 'document' || item.kind === 'photo' || item.kind === 'file') && item.sha256 === undefined) {
      problems.push({ field: `${at}.sha256`, reason: `is required for a ${item.kind}` });
    }
    return problems;
  });
}

/**
 * Validates what a client sends. `schemaVersion` defaults to 1. Ledger-set fields (recordedAt, actor, position…)
 * are dropped, as events.md §1 says a client value is ignored on append.
 */
export function validateNewEvent(raw: unknown): Validated<NewEvent> {
  if (!isPlainObject(raw)) return { ok: false, problems: [{ field: '(event)', reason: 'must be a JSON object' }] };
  // Before anything reads the fields: a NUL, a lone surrogate or a "__proto__" key would end as a 500 downstream.
  const hostile = hostileJsonProblems(raw);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!ENVELOPE_FIELDS.has(key) && !LEDGER_FIELDS.has(key)) problems.push({ field: named(key), reason: 'is not a field of the event envelope' });
  }
  const { eventId, type, occurredAt, evidence, data } = raw;
  const schemaVersion = raw.schemaVersion ?? 1;
  if (eventId !== undefined && (typeof eventId !== 'string' || !UUID.test(eventId))) {
    problems.push({ field: 'eventId', reason: 'must be a UUID' });
  }
  if (typeof type !== 'string' || !isKnownType(type)) {
    // The caller's text is quoted back cut to 100 characters: a 1 MB `type` must not come back in the answer (or the log).
    problems.push({ field: 'type', reason: typeof type === 'string' ? `unknown event type "${type.length > 100 ? `${type.slice(0, 100)}…` : type}"` : 'must be a string' });
  }
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    problems.push({ field: 'schemaVersion', reason: 'must be a positive integer' });
  }
  if (!isInstant(occurredAt)) {
    problems.push({ field: 'occurredAt', reason: INSTANT_REASON });
  }
  if (typeof type === 'string' && isKnownType(type) && typeof schemaVersion === 'number') {
    const definition = findDefinition(type, schemaVersion);
    problems.push(...validateEvidence(evidence, !(definition?.referenceData ?? false), type));
    problems.push(...validateEventData(type, schemaVersion, data));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...(eventId !== undefined ? { eventId: (eventId as string).toLowerCase() } : {}),
      type: type as string,
      schemaVersion: schemaVersion as number,
      occurredAt: occurredAt as string,
      evidence: (evidence as NewEvent['evidence'] | undefined) ?? [],
      data: data as Record<string, unknown>,
    },
  };
}
