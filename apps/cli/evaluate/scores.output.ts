// Writes the scores document as JSON.stringify(document, null, 2) would, but unit by unit: with thousands of
// units and their traces one string of the whole document could exceed what a JavaScript string may hold.
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { write } from '../cli-command.js';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

export async function writeScores(stream: NodeJS.WritableStream, scores: ScoresDocument): Promise<void> {
  const { units, ...head } = scores;
  const opening = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  if (units.length === 0) {
    await write(stream, `${opening},\n  "units": []\n}\n`);
    return;
  }
  await write(stream, `${opening},\n  "units": [\n`);
  for (let i = 0; i < units.length; i++) {
    const separator = i < units.length - 1 ? ',' : '';
    await write(stream, `    ${indent(JSON.stringify(units[i], null, 2), '    ')}${separator}\n`);
  }
  await write(stream, '  ]\n}\n');
}
