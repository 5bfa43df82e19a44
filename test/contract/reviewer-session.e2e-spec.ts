// A client generated from docs/openapi.json (openapi-typescript types + openapi-fetch) runs a reviewer's session
// against the real service with no cast anywhere: if the description and the answers part ways, this file stops
// type-checking (`npm run typecheck`) or its assertions fail.
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths } from '../../apps/web/src/api/schema.js';
import { startLedgerTestApp, type LedgerTestApp } from '../e2e/support/ledger-test-app.js';

type Client = ReturnType<typeof createClient<paths>>;

/** The body of a 2xx answer, or a failure naming the status and the error body. */
function body<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data === undefined) throw new Error(`${answer.response.status}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const at = (day: string) => `2017-${day}T10:00:00+08:00`;
const evidence = [{ kind: 'document' as const, ref: '抽查记录.pdf', sha256: 'b'.repeat(64) }];

describe('a reviewer session through the generated client', () => {
  let t: LedgerTestApp;
  let baseUrl: string;
  const clientFor = async (unitId: string): Promise<Client> =>
    createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${await t.keyFor(unitId)}` } });

  beforeAll(async () => {
    t = await startLedgerTestApp('client_session');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('reads units, rankings, scores as of and known at, the paged trail; files and overturns a dispute; publishes and verifies results', async () => {
    const gov = await clientFor('gov-office');
    const centre = await clientFor('admin-service-centre');
    const haibin = await clientFor('haibin-street');

    body(
      await gov.POST('/v1/events', {
        body: [
          { type: 'AssessmentOpened', occurredAt: at('01-03'), data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017年度考核' } },
          { type: 'UnitRegistered', occurredAt: at('01-03'), data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } },
        ],
      }),
    );
    const findings = [at('10-05'), at('10-06'), at('10-07')].map((occurredAt, i) => ({
      eventId: randomUUID(),
      type: 'SpotCheckRecorded' as const,
      occurredAt,
      evidence,
      data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail' as const, subject: `办件 ${i}`, note: '' },
    }));
    const stored = body(await centre.POST('/v1/events', { body: { events: findings, expectedRevisions: { 'unit-haibin-street': 0 } } }));
    expect(Array.isArray(stored) ? stored.map((e) => e.streamRevision) : []).toEqual([1, 2, 3]);

    // Units and rankings.
    const units = body(await gov.GET('/v1/units'));
    expect(units.units.map((u) => u.unitId)).toContain('haibin-street');
    expect(units).toMatchObject({ total: units.units.length, limit: 100, nextAfter: null });
    const firstTwo = body(await gov.GET('/v1/units', { params: { query: { limit: 2 } } }));
    const others = body(await gov.GET('/v1/units', { params: { query: { limit: 100, after: firstTwo.nextAfter ?? undefined } } }));
    expect([...firstTwo.units, ...others.units]).toEqual(units.units);
    const ranked = body(await gov.GET('/v1/rankings', { params: { query: { asOf: at('12-31'), knownAt: '2030-01-01T00:00:00+08:00' } } }));
    expect(ranked.units.find((u) => u.unitId === 'haibin-street')?.rank).toBeGreaterThanOrEqual(1);
    const topThree = body(await gov.GET('/v1/rankings', { params: { query: { asOf: at('12-31'), knownAt: '2030-01-01T00:00:00+08:00', limit: 3 } } }));
    expect({ total: topThree.total, nextAfter: topThree.nextAfter, units: topThree.units }).toEqual({ total: ranked.total, nextAfter: 3, units: ranked.units.slice(0, 3) });

    // Every unit's part scores and overall, summarised and paged, and the full all-unit scores a page at a time.
    const summary = body(await gov.GET('/v1/scores/summary', { params: { query: { knownAt: '2030-01-01T00:00:00+08:00', limit: 2 } } }));
    expect(summary.units.map((u) => Object.keys(u).sort())).toEqual([['overall', 'parts', 'unitId'], ['overall', 'parts', 'unitId']]);
    const allUnits = body(await gov.GET('/v1/scores', { params: { query: { knownAt: '2030-01-01T00:00:00+08:00', limit: 2 } } }));
    expect({ total: allUnits.total, nextAfter: allUnits.nextAfter }).toEqual({ total: summary.total, nextAfter: 2 });
    expect(allUnits.units.map((u) => [u.unitId, u.overall, u.parts])).toEqual(summary.units.map((u) => [u.unitId, u.overall, u.parts]));

    // A unit's scores as of 6 October as known then, and as of the year end as known later.
    const early = body(await haibin.GET('/v1/scores', { params: { query: { unitId: 'haibin-street', asOf: at('10-06'), knownAt: '2030-01-01T00:00:00+08:00' } } }));
    const late = body(await haibin.GET('/v1/scores', { params: { query: { unitId: 'haibin-street', knownAt: '2030-01-01T00:00:00+08:00' } } }));
    const score = (doc: typeof early) => doc.units[0]?.indicators['3.5']?.score;
    expect(score(early)).toBeGreaterThan(score(late) ?? Infinity);
    expect(late.units[0]?.indicators['3.5']?.trace.flatMap((e) => e.eventIds)).toEqual(findings.map((f) => f.eventId));

    // The same question for a unit nobody registered is a 404 in the one error shape.
    const unknown = await gov.GET('/v1/scores', { params: { query: { unitId: 'nosuch-street' } } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.message[0]).toMatch(/nosuch-street/);

    // The trail, two events a page.
    const first = body(await haibin.GET('/v1/events', { params: { query: { unitId: 'haibin-street', limit: 2 } } }));
    expect(first.events).toHaveLength(2);
    expect(first.nextAfter).not.toBeNull();
    const second = body(await haibin.GET('/v1/events', { params: { query: { unitId: 'haibin-street', limit: 2, after: first.nextAfter ?? undefined } } }));
    expect([...first.events, ...second.events].map((e) => e.type)).toEqual(['UnitRegistered', 'SpotCheckRecorded', 'SpotCheckRecorded', 'SpotCheckRecorded']);
    expect(first.total).toBe(4);

    // A refused append names the event, the field and a stable code.
    const refused = await haibin.POST('/v1/events', {
      body: { type: 'SpotCheckRecorded', occurredAt: at('10-08'), evidence, data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'pass', subject: '自查', note: '' } },
    });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.problems?.map((p) => [p.index, p.field, p.code])).toEqual([[0, 'actor', 'NOT_LEAD']]);

    // A dispute filed by the unit and overturned by 区政府办.
    body(
      await haibin.POST('/v1/events', {
        body: { type: 'DisputeFiled', occurredAt: at('10-10'), evidence, data: { unitId: 'haibin-street', disputeId: 'd-1', findingEventIds: [findings[0].eventId], grounds: '已按时办结' } },
      }),
    );
    body(
      await gov.POST('/v1/events', {
        body: { type: 'DisputeResolved', occurredAt: at('10-20'), evidence, data: { unitId: 'haibin-street', disputeId: 'd-1', decision: 'overturned', note: '核实' } },
      }),
    );
    const disputes = body(await gov.GET('/v1/disputes', { params: { query: { status: 'resolved' } } }));
    expect(disputes.disputes.map((d) => [d.disputeId, d.decision])).toEqual([['d-1', 'overturned']]);
    const trail = body(await gov.GET('/v1/events', { params: { query: { unitId: 'haibin-street', type: 'SpotCheckRecorded' } } }));
    expect(trail.events[0]?.links.overturnedBy).toMatch(/^[0-9a-f-]{36}$/);

    // Results published, then verified.
    const published = body(await gov.POST('/v1/results', { body: { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00' } }));
    const verified = body(await haibin.GET('/v1/results/{id}', { params: { path: { id: published.resultId }, query: { verify: true } } }));
    expect(verified.verification?.ok).toBe(true);
    expect(verified.scoresSha256).toBe(published.scoresSha256);
    // The result answers unit summaries a page at a time; its full scores are paged at /scores.
    expect(verified.units).toEqual(published.units);
    const pinned = body(await haibin.GET('/v1/results/{id}/scores', { params: { path: { id: published.resultId }, query: { limit: 1 } } }));
    expect({ total: pinned.total, nextAfter: pinned.nextAfter, unitId: pinned.units[0]?.unitId }).toEqual({ total: published.total, nextAfter: 1, unitId: published.units[0]?.unitId });
  });
});
