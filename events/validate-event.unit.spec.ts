import { validateNewEvent } from './validate-event.js';

const spotCheck = {
  eventId: '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10',
  type: 'SpotCheckRecorded',
  schemaVersion: 1,
  occurredAt: '2017-10-05T09:30:00+08:00',
  evidence: [{ kind: 'document', ref: '抽查记录-2017-10-05.pdf', sha256: 'a'.repeat(64) }],
  data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件 FJ2017100500123', note: '理由仅写“材料不齐全”' },
};

describe('validateNewEvent', () => {
  it('accepts the example envelope of events.md §1', () => {
    const result = validateNewEvent(spotCheck);
    expect(result.ok).toBe(true);
  });

  it('names the field and the reason for each problem', () => {
    const result = validateNewEvent({ ...spotCheck, occurredAt: '2017-10-05 09:30', data: { ...spotCheck.data, outcome: 'maybe', extra: 1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'occurredAt' }),
        { field: 'data.outcome', reason: 'must be "pass" or "fail"' },
        { field: 'data.extra', reason: 'is not a field of this event type' },
      ]),
    );
  });

  it('refuses an unknown type and a finding without evidence', () => {
    const unknown = validateNewEvent({ ...spotCheck, type: 'ScoreEdited' });
    expect(unknown.ok === false && unknown.problems).toEqual([{ field: 'type', reason: 'unknown event type "ScoreEdited"' }]);
    const bare = validateNewEvent({ ...spotCheck, evidence: [] });
    expect(bare.ok === false && bare.problems.map((p) => p.field)).toEqual(['evidence']);
  });

  it('requires a SHA-256 for a document but not for a URL', () => {
    const doc = validateNewEvent({ ...spotCheck, evidence: [{ kind: 'document', ref: 'x.pdf' }] });
    expect(doc.ok === false && doc.problems).toEqual([{ field: 'evidence[0].sha256', reason: 'is required for a document' }]);
    expect(validateNewEvent({ ...spotCheck, evidence: [{ kind: 'url', ref: 'https://example.org/a' }] }).ok).toBe(true);
  });

  it('refuses a denominator of zero and a non-integer count', () => {
    const result = validateNewEvent({
      ...spotCheck,
      type: 'MetricMeasured',
      data: { unitId: 'haibin-street', indicator: '5.2', numerator: 1.5, denominator: 0 },
    });
    expect(result.ok === false && result.problems.map((p) => p.field).sort()).toEqual(['data.denominator', 'data.numerator']);
  });

  it('ignores ledger-set fields a client sends back from an export', () => {
    const result = validateNewEvent({ ...spotCheck, recordedAt: '2030-01-01T00:00:00Z', actor: { unitId: 'x', userId: 'y' } });
    expect(result.ok && Object.keys(result.value)).toEqual(['eventId', 'type', 'schemaVersion', 'occurredAt', 'evidence', 'data']);
  });
});
