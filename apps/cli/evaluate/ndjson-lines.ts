// Reads a file line by line without loading it: an export of a million events must fit in a fixed amount of memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface NumberedLine {
  /** 1-based, counting blank lines, so it matches what an editor shows. */
  lineNumber: number;
  text: string;
}

export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    // A byte-order mark is an artefact of some editors, not part of the first event.
    const text = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    yield { lineNumber, text };
  }
}
