// Canonical JSON of spec/events.md §4: keys sorted at every depth, no insignificant whitespace, UTF-8.
// JSON.stringify already escapes strings canonically and prints integers without exponent below 2^53.
//
// Written for speed (it runs once per appended event and once per verified event) but byte-identical to the plain
// definition kept in canonical-json.unit.spec.ts: one string built by concatenation (no entry arrays, no map/join),
// and keys sorted only when they are not in order already (objects built in sorted key order skip the sort). Kept
// on purpose, because the hash depends on them, are the plain definition's quirks for values JSON has no place for:
// an undefined object member is left out, an undefined array element prints as nothing, any non-array object
// (a Date, a Map) prints its own enumerable keys only.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
}

function canonicalArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ',';
    // `?? ''`: an element with no JSON form (undefined, a hole, a function) prints as nothing, as join() did.
    out += canonicalJson(items[i]) ?? '';
  }
  return out + ']';
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  // Default sort() compares UTF-16 code units, the same order as the `<` comparison of the plain definition.
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    // String(): a member with no JSON form (a function) prints as "undefined", as the template literal did.
    out += JSON.stringify(key) + ':' + String(canonicalJson(member));
  }
  return out + '}';
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** Timestamps in the hash are UTC ISO 8601 with milliseconds, e.g. 2017-10-05T01:30:00.000Z. */
export function utcMillis(instant: string): string {
  const known = recentInstants.get(instant);
  if (known !== undefined) return known;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${instant}`);
  const utc = new Date(ms).toISOString();
  if (EXPLICIT_OFFSET.test(instant)) remember(instant, utc);
  return utc;
}

// Called two or three times per event with few distinct values (one recordedAt per append, often one occurredAt
// for many events): a small memo saves a Date parse and print each time. Bounded; cleared when full. Only instants
// with an explicit offset are remembered: one without is read in the process's time zone, which TZ can change.
const recentInstants = new Map<string, string>();
const MAX_REMEMBERED_INSTANTS = 4096;
const EXPLICIT_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i;

function remember(instant: string, utc: string): void {
  if (recentInstants.size >= MAX_REMEMBERED_INSTANTS) recentInstants.clear();
  recentInstants.set(instant, utc);
}
