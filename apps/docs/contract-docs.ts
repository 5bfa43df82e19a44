// docs/events.md and docs/rulebook.md, generated from the one source each: the event catalogue (events/, the
// class-validator rules that check appends) and the rulebook data (libs/rulebook). `npm run docs` writes them; a test
// compares the committed files with a fresh generation, so they cannot drift from the code.
import { EVENT_DEFINITIONS, EVIDENCE_KINDS, eventDataSchema, type JsonSchema } from '../../events/index.js';
import { DECIDE_ERRORS } from '../../libs/ledger/src/index.js';
import { getRulebook, type Rulebook } from '../../libs/rulebook/src/index.js';

const GENERATED = (source: string) =>
  `<!-- Generated from ${source} by \`npm run docs\` (apps/docs/write-docs.ts). Do not edit: change the code and regenerate. -->\n`;

function fieldType(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`;
  const parts: string[] = [];
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    parts.push(`array of ${fieldType(items)}`);
    if (schema.minItems !== undefined) parts.push(`at least ${String(schema.minItems)}`);
    if (schema.maxItems !== undefined) parts.push(`at most ${String(schema.maxItems)}`);
    return parts.join(', ');
  }
  if (schema.format === 'uuid') return 'UUID';
  if (schema.format === 'date-time') return 'ISO 8601 date-time with an offset';
  parts.push(String(schema.type ?? 'any'));
  if (schema.pattern !== undefined) parts.push(`matching \`${String(schema.pattern)}\``);
  if (schema.minLength === 1) parts.push('not empty');
  if (schema.maxLength !== undefined) parts.push(`at most ${String(schema.maxLength)} characters`);
  if (schema.minimum !== undefined) parts.push(`≥ ${String(schema.minimum)}`);
  if (schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${String(schema.maximum)}`);
  if (schema.description !== undefined) parts.push(String(schema.description));
  return parts.join(', ');
}

export function eventsMarkdown(rulebook: Rulebook = getRulebook('lc-2017')): string {
  const out: string[] = [GENERATED('the event catalogue (events/*.event.ts) and decide (libs/ledger)')];
  out.push('# Event types', '');
  out.push('Every fact enters the ledger as one event: an envelope and the `data` of its type. A client sends');
  out.push('`eventId` (optional, for idempotent retries), `type`, `schemaVersion` (default 1), `occurredAt` (valid time: when');
  out.push('it happened, with an offset), `evidence` and `data`; the ledger adds `recordedAt` (system time), `actor` (from the');
  out.push('API key), `streamId`, `streamRevision`, `position`, `hash` and `prevHash` (docs/integrity.md). Findings carry at');
  out.push(`least one piece of evidence (\`kind\`: ${EVIDENCE_KINDS.map((k) => `\`${k}\``).join(', ')}; \`ref\`; \`sha256\` required for a`);
  out.push('document or a photo); reference data may carry none. Unknown fields are refused.', '');
  out.push('The same schemas are in docs/openapi.json (`NewEvent`, a `oneOf` discriminated by `type`).', '');
  out.push('| type | kind | who appends it | indicators it feeds |', '|---|---|---|---|');
  for (const d of EVENT_DEFINITIONS) {
    const feeds = rulebook.indicators.filter((i) => i.feeds.includes(d.type)).map((i) => i.id);
    out.push(`| [${d.type}](#${d.type.toLowerCase()}) | ${d.referenceData ? 'reference data' : 'finding'} | ${whoAppends(d.type, rulebook)} | ${feeds.join(', ') || '—'} |`);
  }
  out.push('');
  for (const d of EVENT_DEFINITIONS) {
    const schema = eventDataSchema(d);
    out.push(`## ${d.type}`, '', `Schema version ${d.schemaVersion}; ${d.referenceData ? 'reference data (evidence optional)' : 'a finding (at least one piece of evidence)'}.`, '');
    out.push('| `data` field | required | value |', '|---|---|---|');
    const required = new Set(schema.required as string[]);
    for (const [name, field] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      out.push(`| \`${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${fieldType(field).replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  out.push('## Why an append is refused', '');
  out.push('Beyond the shape above, each event is decided against the ledger (libs/ledger/src/decide.ts). A refused');
  out.push('request stores nothing and answers 400 (403 when any of its codes is about the caller), with `problems: [{ index,');
  out.push('field, code, reason }]`.', '', '| code | answer | refused when |', '|---|---|---|');
  for (const [code, { kind }] of Object.entries(DECIDE_ERRORS)) {
    out.push(`| \`${code}\` | ${kind === 'forbidden' ? '403' : '400'} | ${refusalText(code)} |`);
  }
  out.push('');
  return out.join('\n');
}

function whoAppends(type: string, rulebook: Rulebook): string {
  const gov = `\`${rulebook.governmentOffice}\``;
  switch (type) {
    case 'AssessmentOpened':
    case 'UnitRegistered':
    case 'DisputeResolved':
      return gov;
    case 'ResultsPublished':
      return `${gov}, through \`POST /v1/results\` only`;
    case 'DisputeFiled':
    case 'SelfAssessmentSubmitted':
      return 'the assessed unit itself';
    case 'FindingRetracted':
      return `the unit that appended the finding, or ${gov}`;
    case 'IndicatorNotApplicable':
      return 'the lead of the indicator';
    default:
      return 'a lead of the indicator it feeds';
  }
}

const REFUSALS: Record<string, string> = {
  MISSING_EVENT_ID: 'internal: an event reached decide without an id',
  OUTSIDE_ASSESSMENT_YEAR: '`occurredAt` lies outside the assessment year (ResultsPublished excepted)',
  OCCURRED_AFTER_RECORDED: '`occurredAt` is later than the time the ledger records it',
  UNKNOWN_INDICATOR: 'the indicator is not in the rulebook',
  INDICATOR_NOT_FED: 'the event type does not feed that indicator',
  NO_INDICATOR_FED: 'no indicator of the rulebook is fed by the event type',
  NUMERATOR_EXCEEDS_DENOMINATOR: 'a measured rate above 1',
  UNIT_NOT_REGISTERED: 'the unit was not registered by a UnitRegistered (lead units need none)',
  UNIT_ALREADY_REGISTERED: 'a second UnitRegistered for a unit',
  UNKNOWN_EVENT: 'a retraction or dispute names an event the ledger does not hold',
  NOT_A_FINDING: 'a retraction or dispute names an event that is not a finding',
  FINDING_OF_OTHER_UNIT: 'a retraction or dispute names a finding about another unit',
  ALREADY_RETRACTED: 'the finding is already retracted',
  RETRACTION_BEFORE_FINDING: 'the retraction occurred before the finding',
  DUPLICATE_DISPUTE: 'the unit already filed a dispute with that id',
  UNKNOWN_DISPUTE: 'a resolution names a dispute the unit did not file',
  DISPUTE_ALREADY_RESOLVED: 'the dispute is already resolved',
  RESOLUTION_BEFORE_DISPUTE: 'the resolution occurred before the dispute was filed',
  DUPLICATE_OUTAGE: 'an outage with that id was already started',
  UNKNOWN_OUTAGE: 'a repair names an outage that was not started',
  OUTAGE_ALREADY_REPAIRED: 'the outage is already repaired',
  REPAIR_BEFORE_START: 'the repair occurred before the outage started',
  DUPLICATE_ASSESSMENT: 'the assessment is already opened',
  UNKNOWN_ASSESSMENT: 'no such assessment was opened',
  RULEBOOK_MISMATCH: 'the assessment names another rulebook than the one in force',
  NOT_GOVERNMENT_OFFICE: '(403) only 区政府办 may append this type',
  NOT_LEAD: '(403) the caller does not lead the indicator',
  NOT_THE_UNIT_ITSELF: '(403) only the unit itself may append its dispute or self-assessment',
  NOT_FINDING_AUTHOR: '(403) only the finding\'s author or 区政府办 may retract it',
};

const refusalText = (code: string): string => REFUSALS[code] ?? 'see libs/ledger/src/decide.errors.ts';

export function rulebookMarkdown(rulebook: Rulebook = getRulebook('lc-2017')): string {
  const out: string[] = [GENERATED('the rulebook data (libs/rulebook/src/lc-2017.rulebook.ts)')];
  out.push(`# Rulebook ${rulebook.id}`, '');
  if (rulebook.source) out.push(`Transcribes ${rulebook.source.zh} (${rulebook.source.en}).`, '');
  out.push(`Assessment year: ${rulebook.year.from} … ${rulebook.year.to}. Each part is scored out of 100; a unit's overall`);
  out.push('score is the mean of its six parts. Points are exact fractions, rounded half-up to 2 decimals only for output.', '');
  out.push('## Lead units', '', '| unit id | name |', '|---|---|');
  for (const u of rulebook.leadUnits) out.push(`| \`${u.unitId}\` | ${u.name} |`);
  out.push('', '## Parts', '', '| part | title | max | led by |', '|---|---|--:|---|');
  for (const p of rulebook.parts) out.push(`| ${p.id} | ${p.title.zh} — ${p.title.en} | ${p.max} | ${p.leads.join(', ')} |`);
  out.push('', '## Indicators', '', '| id | title | max | kind | rule | fed by | led by | interpretations |', '|---|---|--:|---|---|---|---|---|');
  for (const i of rulebook.indicators) {
    out.push(`| ${i.id} | ${i.title.zh} — ${i.title.en} | ${i.max} | ${i.kind} | ${i.rule.kind} | ${i.feeds.join(', ') || '—'} | ${i.leads.join(', ')} | ${i.interpretations.join(', ') || '—'} |`);
  }
  out.push('', '## Interpretations', '', 'Where the annex is ambiguous, the reading the evaluator applies is named; a score\'s trace lists the ones it used.', '');
  for (const [id, text] of Object.entries(rulebook.interpretations)) out.push(`- **${id}** — ${text.en} (${text.zh})`);
  out.push('');
  return out.join('\n');
}

export const CONTRACT_DOCS: Record<string, () => string> = {
  'docs/events.md': () => eventsMarkdown(),
  'docs/rulebook.md': () => rulebookMarkdown(),
};
