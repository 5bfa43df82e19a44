import type { NewEvent } from '../../../events/index.js';
import { checkEvidenceFiles, fileHashesOf } from './evidence-files.check.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const event = (evidence: NewEvent['evidence']): NewEvent => ({ type: 'SpotCheckRecorded', schemaVersion: 1, occurredAt: '2017-10-05T09:30:00+08:00', evidence, data: {} });

describe('evidence files of an append', () => {
  const batch = [
    event([{ kind: 'document', ref: 'x.pdf', sha256: B }, { kind: 'file', ref: 'a.pdf', sha256: A }]),
    event([{ kind: 'url', ref: 'https://example.org' }, { kind: 'file', ref: 'b.pdf', sha256: B }, { kind: 'file', ref: 'a again', sha256: A }]),
  ];

  it('asks only about the files, each once (a document keeps its declared hash unchecked)', () => {
    expect(fileHashesOf(batch)).toEqual([A, B]);
  });

  it('names every entry whose file the actor may not use, by event and entry', () => {
    expect(checkEvidenceFiles(batch, new Set([A]))).toEqual([
      { index: 1, field: 'evidence[1].sha256', reason: `no uploaded file ${B} that you may use: upload it first with POST /v1/evidence` },
    ]);
    expect(checkEvidenceFiles(batch, new Set([A, B]))).toEqual([]);
  });
});
