// Writes the scores document as JSON.stringify(document, null, 2) would, but unit by unit: with thousands of
// units and their traces, one string of the whole document could exceed what a JavaScript string may hold.
// `units` may be any iterable, so an evaluator that yields units one at a time never holds them all.
import type { ScoresDocument, UnitScores } from '../../../libs/rulebook/src/index.js';
import { write } from '../cli-command.js';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

export type StreamableScores = Omit<ScoresDocument, 'units'> & { units: Iterable<UnitScores> };

export async function writeScores(stream: NodeJS.WritableStream, scores: StreamableScores): Promise<void> {
  const { units, ...head } = scores;
  await write(stream, `${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "units": [`);
  let first = true;
  for (const unit of units) {
    await write(stream, `${first ? '\n' : ',\n'}    ${indent(JSON.stringify(unit, null, 2), '    ')}`);
    first = false;
  }
  await write(stream, first ? ']\n}\n' : '\n  ]\n}\n');
}
