// OpenAPI schemas of the console's routes (GET /v1/me, /v1/rulebook, /v1/results), beside the code that answers them.
import { ref } from '../openapi/api-schemas.js';

const localized = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'] };
const strings = { type: 'array', items: { type: 'string' } };

const formField = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    kind: { type: 'string', enum: ['text', 'integer', 'boolean', 'choice', 'unit', 'indicator', 'event-ids', 'part-scores'] },
    options: { type: 'array', items: { type: ['string', 'number'] }, description: 'choice: allowed values; indicator: those the caller leads and the type feeds' },
    maxLength: { type: 'integer' },
    min: { type: 'integer' },
    required: { type: 'boolean' },
    pattern: { type: 'string' },
  },
  required: ['name', 'kind', 'required'],
};

export const ME_SCHEMA = {
  type: 'object',
  properties: {
    actor: ref('Actor'),
    role: { type: 'string', enum: ['gov-office', 'lead', 'unit'] },
    ledIndicators: strings,
    may: {
      type: 'object',
      properties: Object.fromEntries(['readRankings', 'readEveryUnit', 'publishResults', 'resolveDisputes', 'fileDisputes', 'record'].map((k) => [k, { type: 'boolean' }])),
    },
    forms: {
      type: 'array',
      description: 'Record forms of the event types this key may append, derived from the event catalogue',
      items: {
        type: 'object',
        properties: { type: { type: 'string' }, schemaVersion: { type: 'integer' }, evidenceRequired: { type: 'boolean' }, fields: { type: 'array', items: formField } },
        required: ['type', 'schemaVersion', 'evidenceRequired', 'fields'],
      },
    },
  },
  required: ['actor', 'role', 'ledIndicators', 'may', 'forms'],
};

export const RULEBOOK_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    year: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } },
    governmentOffice: { type: 'string' },
    leadUnits: { type: 'array', items: { type: 'object', properties: { unitId: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } } },
    parts: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, max: { type: 'number' }, leads: strings, title: localized, capInterpretation: { type: 'string' } } } },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, part: { type: 'string' }, max: { type: 'number' }, kind: { type: 'string', enum: ['deduction', 'earned', 'penalty'] }, feeds: strings, leads: strings, interpretations: strings, title: localized },
      },
    },
    interpretations: { type: 'object', additionalProperties: localized },
    milestones: {
      type: 'array',
      description: 'Month ends, the self-assessment deadline (2017-11-12) and the year end, as valid times',
      items: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, key: { type: 'string', enum: ['month-end', 'self-assessment-due', 'year-end'] } } },
    },
    eventTypes: {
      type: 'array',
      description: 'Every event type of the catalogue; finding: whether a unit may dispute an event of that type',
      items: { type: 'object', properties: { type: { type: 'string' }, finding: { type: 'boolean' } }, required: ['type', 'finding'] },
    },
  },
  required: ['id', 'year', 'governmentOffice', 'leadUnits', 'parts', 'indicators', 'interpretations', 'milestones', 'eventTypes'],
};

export const RESULTS_LIST_SCHEMA = {
  type: 'object',
  properties: {
    total: { type: 'integer', minimum: 0, description: 'published results over all pages' },
    limit: { type: 'integer', minimum: 1, description: 'page size' },
    nextAfter: { type: ['integer', 'null'], minimum: 0, description: 'pass as `after` for the next page; null on the last page' },
    results: {
      type: 'array',
      description: 'A page of the ResultsPublished events, newest first',
      items: {
        type: 'object',
        properties: {
          resultId: { type: 'string', format: 'uuid' },
          position: { type: 'integer' },
          publishedAt: { type: 'string', format: 'date-time' },
          recordedAt: { type: 'string', format: 'date-time' },
          actor: ref('Actor'),
          assessmentId: { type: 'string' },
          asOf: { type: 'string', format: 'date-time' },
          knownAt: { type: 'string', format: 'date-time' },
          ledgerPosition: { type: 'integer' },
          ledgerHash: { type: 'string' },
          scoresSha256: { type: 'string' },
          treeSize: { type: ['integer', 'null'], description: 'size of the Merkle tree of the log the result pins (null: published before the tree)' },
          rootHash: { type: ['string', 'null'], description: 'root hash of that tree, base64 (null: published before the tree)' },
        },
      },
    },
  },
  required: ['total', 'limit', 'nextAfter', 'results'],
};
