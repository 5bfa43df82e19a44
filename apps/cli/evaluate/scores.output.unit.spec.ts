import { Writable } from 'node:stream';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { writeScores } from './scores.output.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const unit = (unitId: string) => ({ unitId, overall: 97.22, parts: { 1: 100 }, indicators: { '2.1': { score: 33.33, trace: [{ eventIds: ['a'] }] } }, interpretations: ['I-LATE'] });

describe('writeScores', () => {
  it.each([0, 1, 3])('writes exactly JSON.stringify(document, null, 2) for %i units', async (n) => {
    const document = { rulebook: 'lc-2017', asOf: 'a', knownAt: 'k', units: Array.from({ length: n }, (_, i) => unit(`u${i}`)) } as unknown as ScoresDocument;
    const out = sink();
    await writeScores(out.stream, document);
    expect(out.text()).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });
});
