import { dollarQuoted, jsonbLiteral } from './sql-text.js';

/** Where PostgreSQL ends a dollar-quoted literal: at the first occurrence of its opening tag after the opening. */
function contentAsParsed(literal: string): string {
  const tag = /^\$[A-Za-z0-9_]*\$/.exec(literal)![0];
  const rest = literal.slice(tag.length);
  const end = rest.indexOf(tag);
  expect(end + tag.length).toBe(rest.length); // nothing after the closing tag
  return rest.slice(0, end);
}

describe('dollarQuoted', () => {
  it.each([
    '',
    'plain',
    "it's a \\ backslash",
    '$j$',
    'ends with $j',
    'ends with $',
    '$j$ and $j1$ and $j2',
    '{"a":"$j$"}',
  ])('keeps %j verbatim, whatever tags it contains', (text) => {
    expect(contentAsParsed(dollarQuoted(text))).toBe(text);
  });

  it('makes a jsonb literal of a JSON value', () => {
    expect(jsonbLiteral({ a: "o'clock $j$" })).toBe(`$j1$${JSON.stringify({ a: "o'clock $j$" })}$j1$::jsonb`);
  });
});
