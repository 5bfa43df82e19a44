// JSON Schema of each event type's `data`, read from the class-validator rules that validate it, so the OpenAPI
// description and docs/events.md are generated from the one catalogue that checks appends (no second copy).
import { getMetadataStorage } from 'class-validator';
import { EVIDENCE_KINDS } from './envelope.js';
import { EVENT_DEFINITIONS, type EventDefinition } from './event-types.js';
import { PART_IDS } from './self-assessment-submitted.event.js';

export type JsonSchema = { [key: string]: unknown };

interface RuleMetadata {
  propertyName: string;
  name?: string;
  type: string;
  constraints?: unknown[];
  each?: boolean;
  constraintCls?: unknown;
}

/** Rules written with ValidateBy carry a name only; their schema is stated here, beside the others. */
const CUSTOM_RULES: Record<string, JsonSchema> = {
  isPartScores: {
    type: 'object',
    description: 'a score from 0 to 100 for each of the parts "1" to "6"',
    properties: Object.fromEntries(PART_IDS.map((p) => [p, { type: 'number', minimum: 0, maximum: 100 }])),
    required: [...PART_IDS],
    additionalProperties: false,
  },
  isInstant: {
    type: 'string',
    format: 'date-time',
    description: 'ISO 8601 with an offset: a real calendar date, hours 00–23, an offset within ±14:00, a year within 2000–2100',
  },
};

function ruleName(meta: RuleMetadata): string | undefined {
  if (meta.name) return meta.name;
  const storage = getMetadataStorage() as unknown as { getTargetValidatorConstraints(target: unknown): { name: string }[] };
  return meta.constraintCls ? storage.getTargetValidatorConstraints(meta.constraintCls)[0]?.name : undefined;
}

/** Adds what one rule says to the schema of its property (or of its items, for `each`). */
function applyRule(schema: JsonSchema, meta: RuleMetadata): void {
  const name = ruleName(meta);
  const c = meta.constraints ?? [];
  const target: JsonSchema = meta.each ? ((schema.items as JsonSchema | undefined) ?? (schema.items = {})) as JsonSchema : schema;
  switch (name) {
    case 'isString':
      target.type = 'string';
      break;
    case 'isNotEmpty':
      target.minLength = 1;
      break;
    case 'maxLength':
      target.maxLength = c[0];
      break;
    case 'matches':
      target.type = 'string';
      target.pattern = (c[0] as RegExp).source;
      break;
    case 'equals':
      target.const = c[0];
      break;
    case 'isIn': {
      const values = c[0] as unknown[];
      target.enum = values;
      target.type = typeof values[0] === 'number' ? 'integer' : 'string';
      break;
    }
    case 'isInt':
      target.type = 'integer';
      break;
    case 'min':
      target.minimum = Math.max(c[0] as number, (target.minimum as number | undefined) ?? -Infinity);
      break;
    case 'max':
      target.maximum = c[0];
      break;
    case 'isBoolean':
      target.type = 'boolean';
      break;
    case 'isUuid':
      target.type = 'string';
      target.format = 'uuid';
      break;
    case 'isIso8601':
      target.type = 'string';
      target.format = 'date-time';
      break;
    case 'isArray':
      schema.type = 'array';
      break;
    case 'arrayNotEmpty':
      schema.minItems = 1;
      break;
    case 'arrayMaxSize':
      schema.maxItems = c[0];
      break;
    case 'isObject':
      target.type = 'object';
      break;
    default:
      if (name && CUSTOM_RULES[name]) Object.assign(target, CUSTOM_RULES[name]);
      else throw new Error(`event-json-schema: no JSON Schema for the validation rule "${name ?? meta.type}" on ${meta.propertyName}`);
  }
}

/** The JSON Schema of `data` for one type at one schema version; every field is required (none is optional). */
export function eventDataSchema(definition: EventDefinition): JsonSchema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(definition.dataClass, '', true, false) as unknown as RuleMetadata[];
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const meta of rules) {
    if (meta.type === 'conditionalValidation') {
      optional.add(meta.propertyName);
      continue;
    }
    if (meta.type === 'whitelistValidation') continue;
    applyRule((properties[meta.propertyName] ??= {}), meta);
  }
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.has(k)),
    additionalProperties: false,
  };
}

export const EVIDENCE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...EVIDENCE_KINDS] },
    ref: { type: 'string', minLength: 1, maxLength: 1000, description: 'where the evidence is: a file name, a record id, a URL' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file; required for a document or a photo' },
  },
  required: ['kind', 'ref'],
  additionalProperties: false,
};

/** The catalogue, newest schema version of each type, in the catalogue's order. */
export function catalogue(): readonly EventDefinition[] {
  return EVENT_DEFINITIONS;
}
