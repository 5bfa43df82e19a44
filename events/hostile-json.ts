// Text PostgreSQL cannot store or a prototype-bearing key JavaScript treats specially, anywhere in a request: each
// would otherwise reach the database or an Object.assign and end as a 500 (issue 10). Found by walking the parsed
// JSON once; each problem names its path and why, as every other 400 does.
import type { FieldProblem } from './validate-event.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one: not Unicode, not storable.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const MAX_PROBLEMS = 20;

export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate such as \\ud800)';
  return undefined;
}

/** Problems of a parsed JSON value: NUL characters, lone surrogates, reserved keys, nesting deeper than 32. */
export function hostileJsonProblems(value: unknown, path = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (p: string) => p || '(body)';
  const walk = (v: unknown, p: string, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) problems.push({ field: at(p), reason });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > MAX_DEPTH) {
      problems.push({ field: at(p), reason: `is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${p}[${i}]`, depth + 1));
      return;
    }
    for (const key of Object.keys(v)) {
      // The caller's key as the answer quotes it: cut, so a 1 MB name does not come back.
      const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      const keyPath = p ? `${p}.${shown}` : shown;
      if (RESERVED_KEYS.has(key)) {
        problems.push({ field: keyPath, reason: `"${key}" is not accepted as a field name` });
        continue;
      }
      const reason = textProblem(key);
      if (reason) {
        problems.push({ field: `${p || '(body)'} key`, reason: `a field name ${reason}` });
        continue;
      }
      walk((v as Record<string, unknown>)[key], keyPath, depth + 1);
    }
  };
  walk(value, path, 0);
  return problems;
}

/** The reserved names, for query strings. */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}
