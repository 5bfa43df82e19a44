// The response and request components of the OpenAPI description. Event schemas come from the event catalogue
// (events/event-json-schema.ts); the rest describe what the controllers answer, and the typed-client test
// (test/contract) runs a session through them, so a drift shows up as a type error or a failed assertion.
import { EVENT_DEFINITIONS, EVIDENCE_SCHEMA, eventDataSchema, type JsonSchema } from '../../../events/index.js';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const instant = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const integer = (description: string, minimum = 0): JsonSchema => ({ type: 'integer', minimum, description });
const uuid = (description: string): JsonSchema => ({ type: 'string', format: 'uuid', description });
const sha256 = (description: string): JsonSchema => ({ type: 'string', pattern: '^[0-9a-f]{64}$', description });
const merkleRoot = (description: string): JsonSchema => ({ type: 'string', pattern: '^[A-Za-z0-9+/]{43}=$', description: `${description}, SHA-256 in base64` });
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type, 'null'] });
const object = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const PARTS: JsonSchema = {
  type: 'object',
  description: 'the six part scores, keyed "1" to "6"',
  properties: Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((p) => [p, { type: 'number' }])),
  required: ['1', '2', '3', '4', '5', '6'],
};

/** What every paged list answers besides its items (apps/api/http/list-page.ts). */
const PAGE: Record<string, JsonSchema> = {
  total: integer('items over all pages'),
  limit: integer('page size', 1),
  nextAfter: nullable(integer('pass as `after` for the next page; null on the last page')),
};

const schemaName = (type: string) => `${type}Event`;

function eventSchemas(): Record<string, JsonSchema> {
  const latest = new Map(EVENT_DEFINITIONS.map((d) => [d.type, d]));
  const schemas: Record<string, JsonSchema> = {};
  for (const definition of latest.values()) {
    schemas[schemaName(definition.type)] = {
      type: 'object',
      description: `A new ${definition.type} event (schema version ${definition.schemaVersion}). ${definition.referenceData ? 'Reference data: evidence may be empty.' : 'A finding: at least one piece of evidence.'}`,
      properties: {
        eventId: uuid('chosen by the client for idempotency; generated when omitted'),
        type: { type: 'string', const: definition.type },
        schemaVersion: { type: 'integer', const: definition.schemaVersion, description: 'the version of the data schema; 1 when omitted' },
        occurredAt: instant('valid time: when it happened, with an offset'),
        evidence: { type: 'array', items: ref('Evidence'), maxItems: 100, ...(definition.referenceData ? {} : { minItems: 1 }) },
        data: eventDataSchema(definition),
        expectedRevision: ref('ExpectedRevision'),
      },
      required: ['type', 'occurredAt', 'data', ...(definition.referenceData ? [] : ['evidence'])],
      additionalProperties: false,
    };
  }
  return schemas;
}

export function apiSchemas(): Record<string, JsonSchema> {
  const events = eventSchemas();
  const mapping = Object.fromEntries(Object.keys(events).map((name) => [name.replace(/Event$/, ''), `#/components/schemas/${name}`]));
  return {
    Error: {
      type: 'object',
      description: 'Every error answers in this shape: one message per problem, each naming the field it is about.',
      properties: {
        statusCode: { type: 'integer', minimum: 400, maximum: 599 },
        error: { type: 'string', examples: ['Bad Request'] },
        message: { type: 'array', items: { type: 'string' }, examples: [['events[0].data.numerator: must not be negative']] },
        problems: {
          type: 'array',
          description: 'for a refused append: the same problems, each with the index of its event and a stable code',
          items: object({
            index: integer('index of the event in the request'),
            field: { type: 'string', examples: ['data.numerator'] },
            code: { type: 'string', description: 'a code of docs/integrity.md (e.g. NOT_LEAD), or INVALID for a value of the wrong shape' },
            reason: { type: 'string' },
          }),
        },
      },
      required: ['statusCode', 'error', 'message'],
    },
    Actor: object({ unitId: { type: 'string', description: 'the unit the API key belongs to' }, userId: { type: 'string' } }),
    Evidence: EVIDENCE_SCHEMA,
    ExpectedRevision: {
      description: 'optimistic concurrency: the stream revision the client last read, "no_stream" or "any"',
      oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['no_stream', 'any'] }],
    },
    ...events,
    NewEvent: {
      description: 'One event of the catalogue, discriminated by `type` (recordedAt, actor and the stream are set by the ledger)',
      oneOf: Object.keys(events).map(ref),
      discriminator: { propertyName: 'type', mapping },
    },
    AppendRequest: {
      description: 'One event, an array of events, or { events, expectedRevisions }: all or nothing',
      oneOf: [
        ref('NewEvent'),
        { type: 'array', items: ref('NewEvent'), minItems: 1 },
        {
          type: 'object',
          properties: {
            events: { type: 'array', items: ref('NewEvent'), minItems: 1 },
            expectedRevisions: { type: 'object', additionalProperties: ref('ExpectedRevision'), description: 'per stream id' },
          },
          required: ['events'],
          additionalProperties: false,
        },
      ],
    },
    StoredEvent: {
      type: 'object',
      description: 'An event as the ledger holds and exports it (docs/events.md)',
      properties: {
        eventId: uuid('the event id'),
        type: { type: 'string' },
        schemaVersion: { type: 'integer', minimum: 1 },
        occurredAt: instant('valid time'),
        recordedAt: instant('system time: when the ledger stored it'),
        actor: ref('Actor'),
        evidence: { type: 'array', items: ref('Evidence') },
        data: { type: 'object', additionalProperties: true },
        position: integer('place in the global log, from 1, gap-free', 1),
        streamId: { type: 'string' },
        streamRevision: integer('place in its stream, from 0'),
        hash: sha256('SHA-256 of this event chained to prevHash'),
        prevHash: sha256('hash of the previous event of the stream (64 zeros for the first)'),
      },
      required: ['eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actor', 'evidence', 'data', 'position', 'streamId', 'streamRevision', 'hash', 'prevHash'],
    },
    AppendResponse: { description: 'the stored event (for one event) or the stored events (for an array)', oneOf: [ref('StoredEvent'), { type: 'array', items: ref('StoredEvent') }] },
    TrailEvent: {
      allOf: [
        ref('StoredEvent'),
        object({
          links: object({
            retractedBy: nullable(uuid('the FindingRetracted that withdrew it')),
            disputes: { type: 'array', items: { type: 'string' }, description: 'disputeIds naming it' },
            overturnedBy: nullable(uuid('the DisputeResolved that overturned it')),
          }),
        }),
      ],
    },
    EventPage: object({
      events: { type: 'array', items: ref('TrailEvent') },
      nextAfter: nullable(integer('pass as `after` for the next page; null on the last page')),
      total: nullable(
        integer('events that match over all pages: with unitId, or for a reader of everything without filters; null where counting would read the whole log'),
      ),
    }),
    TraceEntry: object({
      points: { type: 'number', description: 'points added (negative: a deduction), rounded half-up to 2 decimals' },
      pointsExact: { type: 'string', description: 'exact points as an integer or a fraction ("-50/3")' },
      rule: { type: 'string' },
      eventIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      messageKey: { type: 'string' },
      params: { type: 'object', additionalProperties: true },
      zh: { type: 'string' },
      en: { type: 'string' },
      interpretations: { type: 'array', items: { type: 'string' } },
    }),
    IndicatorScore: object({
      score: { type: 'number' },
      max: { type: 'number' },
      status: { type: 'string', enum: ['scored', 'no-data', 'pending', 'ongoing', 'not-applicable'] },
      trace: { type: 'array', items: ref('TraceEntry') },
    }),
    UnitScores: object({
      unitId: { type: 'string' },
      overall: { type: 'number' },
      parts: PARTS,
      indicators: { type: 'object', additionalProperties: ref('IndicatorScore'), description: 'keyed by indicator id in rulebook order' },
      interpretations: { type: 'array', items: { type: 'string' } },
    }),
    ScoresPage: {
      ...object(
        {
          rulebook: { type: 'string', examples: ['lc-2017'] },
          asOf: instant('valid time'),
          knownAt: instant('system time'),
          ...PAGE,
          units: { type: 'array', items: ref('UnitScores') },
        },
        Object.keys(PAGE),
      ),
      description: 'The scores JSON (docs/scores.md). For one unit (unitId) exactly the document `ledger evaluate --unit` prints; for all units one page of them, with total, limit and nextAfter',
    },
    UnitScoresSummary: object({ unitId: { type: 'string' }, overall: { type: 'number' }, parts: PARTS }),
    ScoresSummaryPage: object({
      rulebook: { type: 'string', examples: ['lc-2017'] },
      asOf: instant('valid time'),
      knownAt: instant('system time'),
      ...PAGE,
      units: { type: 'array', items: ref('UnitScoresSummary') },
    }),
    Unit: object({ unitId: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string', description: 'hi-tech-zone, street, department, or the kind of a lead unit' } }),
    UnitList: object({ position: integer('the read model is current up to this log position'), ...PAGE, units: { type: 'array', items: ref('Unit') } }),
    Ranking: object({
      rank: integer('1 for the highest overall; equal scores share a rank', 1),
      unitId: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      overall: { type: 'number' },
      parts: PARTS,
    }),
    Rankings: object({
      asOf: instant('valid time'),
      knownAt: instant('system time (now, for the current view)'),
      position: nullable(integer('the current view: the read model is up to this log position; null when asOf or knownAt was given (folded from the log)')),
      ...PAGE,
      units: { type: 'array', items: ref('Ranking') },
    }),
    Dispute: object({
      unitId: { type: 'string' },
      disputeId: { type: 'string' },
      status: { type: 'string', enum: ['open', 'resolved'] },
      decision: { type: ['string', 'null'], enum: ['upheld', 'overturned', null] },
      findingEventIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      grounds: { type: 'string' },
      filedAt: instant('valid time of the DisputeFiled'),
      filedEventId: uuid('the DisputeFiled event'),
      filedPosition: integer('its log position', 1),
      resolvedAt: nullable(instant('valid time of the DisputeResolved')),
      resolvedEventId: nullable(uuid('the DisputeResolved event')),
      resolutionNote: { type: ['string', 'null'] },
    }),
    DisputePage: object({
      total: integer('disputes that match, over all pages'),
      limit: integer('page size', 1),
      offset: integer('disputes before this page (the after, or offset, asked for)'),
      nextAfter: nullable(integer('pass as `after` for the next page; null on the last page')),
      disputes: { type: 'array', items: ref('Dispute') },
    }),
    TimelineStep: object({
      at: instant('valid time of the step'),
      cause: { type: 'string', enum: ['event', 'time'] },
      events: {
        type: 'array',
        items: object({ eventId: uuid('event id'), type: { type: 'string' }, actor: ref('Actor'), data: { type: 'object', additionalProperties: true } }),
      },
      indicators: {
        type: 'array',
        items: object({
          indicator: { type: 'string' },
          part: { type: 'string' },
          before: object({ score: { type: 'number' }, status: { type: 'string' } }),
          after: object({ score: { type: 'number' }, status: { type: 'string' } }),
        }),
      },
      parts: { type: 'array', items: object({ part: { type: 'string' }, before: { type: 'number' }, after: { type: 'number' } }) },
      overall: object({ before: { type: 'number' }, after: { type: 'number' } }),
    }),
    Timeline: object({ unitId: { type: 'string' }, knownAt: instant('system time'), steps: { type: 'array', items: ref('TimelineStep') } }),
    PublishedResults: object({
      resultId: uuid('the ResultsPublished event id: pass to GET /v1/results/{id}'),
      position: integer('log position of the ResultsPublished event', 1),
      assessmentId: { type: 'string' },
      asOf: instant('valid time of the scores'),
      knownAt: instant('system time of the scores'),
      ledgerPosition: integer('the pinned ledger head', 1),
      ledgerHash: sha256('hash of the event at the pinned head'),
      scoresSha256: sha256('SHA-256 of the canonical JSON of the scores'),
      treeSize: integer('size of the pinned Merkle tree of the log'),
      rootHash: merkleRoot('root of the pinned Merkle tree'),
      checkpoint: { type: 'string', description: 'the signed checkpoint of the log at ledgerPosition (docs/integrity.md)' },
      ...PAGE,
      units: { type: 'array', items: ref('UnitScoresSummary'), description: 'the first page of the units\' part scores and overall; GET /v1/results/{id} pages on, GET /v1/results/{id}/scores has the full scores' },
    }),
    ResultsVerification: object({
      resultId: uuid('the result'),
      ok: { type: 'boolean', description: 'true when both digests match' },
      scoresSha256: sha256('recomputed now'),
      publishedScoresSha256: sha256('as published'),
      ledgerHash: { type: ['string', 'null'], description: 'hash of the event at the pinned head now' },
      publishedLedgerHash: sha256('as published'),
      problems: { type: 'array', items: { type: 'string' } },
    }),
    PublishedResult: object(
      {
        resultId: uuid('the ResultsPublished event id'),
        position: integer('its log position', 1),
        publishedAt: instant('occurredAt of the ResultsPublished event'),
        recordedAt: instant('when the ledger stored it'),
        actor: ref('Actor'),
        assessmentId: { type: 'string' },
        asOf: instant('valid time of the scores'),
        knownAt: instant('system time of the scores'),
        ledgerPosition: integer('the pinned ledger head', 1),
        ledgerHash: sha256('hash of the event at the pinned head'),
        scoresSha256: sha256('SHA-256 of the canonical JSON of the scores'),
        treeSize: nullable(integer('size of the pinned Merkle tree of the log (schema version 2; null before)')),
        rootHash: nullable(merkleRoot('root of the pinned Merkle tree (schema version 2; null before)')),
        verification: ref('ResultsVerification'),
        ...PAGE,
        units: { type: 'array', items: ref('UnitScoresSummary'), description: 'a page of the units\' part scores and overall at the pinned head; the full scores: GET /v1/results/{id}/scores' },
      },
      ['verification'],
    ),
    ChainProblem: object({
      position: integer('log position of the problem'),
      streamId: { type: 'string' },
      streamRevision: { type: 'integer', minimum: -1 },
      reason: { type: 'string' },
    }),
    ChainReport: object({
      ok: { type: 'boolean' },
      events: integer('events read'),
      streams: integer('streams seen'),
      head: integer('last position read'),
      problems: { type: 'array', items: ref('ChainProblem') },
    }),
    Health: object({
      status: { type: 'string', enum: ['ok', 'unavailable'] },
      database: { type: 'object', additionalProperties: true },
      eventStore: { type: 'object', additionalProperties: true },
      projections: { type: 'object', additionalProperties: true },
    }),
  };
}
