// Literals for the adapter's multi-statement simple queries (postgres-event-store.ts). Those queries carry every
// value inline, so building and parsing the literals is on the append path: for a batch of 1,000 events the insert
// text is some 600 kB, most of it one JSON document.

/**
 * `text` as a dollar-quoted literal. Unlike client.escapeLiteral, which walks the string one character at a time in
 * JavaScript to double quotes and backslashes, this copies the text as is: the content of a dollar-quoted literal is
 * taken verbatim, whatever standard_conforming_strings says. The literal ends at the first occurrence of its tag, so
 * the tag is chosen to occur first where the closing tag starts: not inside the text, and not straddling its end
 * (text `…$j` followed by `$j$` would close early).
 */
export function dollarQuoted(text: string): string {
  let tag = '$j$';
  for (let n = 1; (text + tag).indexOf(tag) !== text.length; n += 1) tag = `$j${n}$`;
  return tag + text + tag;
}

/** A JSON value as a jsonb literal. */
export function jsonbLiteral(value: unknown): string {
  return `${dollarQuoted(JSON.stringify(value))}::jsonb`;
}
