// The web console in a real Chromium against the real app and PostgreSQL with the demo ledger: what each person
// sees equals what the API answers, and the console's actions go through to the ledger. Screenshots of every page
// land in test/browser/screenshots/ on each run.
import type { Page } from 'playwright-core';
import { LC_2017 } from '../../libs/rulebook/src/index.js';
import type { ScoresDocument } from '../../libs/rulebook/src/index.js';
import { startConsole, whyNoBrowser, type ConsoleHarness } from './support/console-harness.js';

const why = whyNoBrowser();
if (why) process.stdout.write(`console browser tests skipped: ${why}\n`);
const describeInBrowser = why ? describe.skip : describe;
const LONG = 240_000;

const LEAD = 'admin-service-centre';
const STREET = 'haibin-street';
const GOV = 'gov-office';

async function option(page: Page, select: string, text: string | RegExp) {
  await page.locator(select).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

async function overallOnPage(page: Page): Promise<string> {
  const el = page.locator('[data-testid=unit-overall]');
  await el.waitFor();
  return (await el.textContent())!.trim();
}

/** Opens the trace of one indicator on the unit page (the expand arrow of its row). */
async function openTrace(page: Page, indicator: string) {
  const trace = page.locator(`[data-testid=trace][data-indicator="${indicator}"]`);
  // A row stays open across a change of time on the same page: open it only if it is closed.
  if (!(await trace.isVisible())) await page.locator(`tr.ind-${indicator.replace('.', '-')} .el-table__expand-icon`).click();
  await trace.waitFor();
  return trace;
}

describeInBrowser('web console in Chromium', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole('console_browser');
  }, LONG);
  afterAll(async () => {
    await h?.close();
  });

  const api = async <T>(unitId: string, path: string): Promise<T> => {
    const res = await (await h.ledger.as(unitId)).get(path);
    expect(res.status).toBe(200);
    return res.body as T;
  };

  it('a lead signs in and sees the rankings equal GET /v1/rankings, every unit and every number', async () => {
    const page = await h.signedIn(LEAD);
    await page.waitForURL('**/rankings');
    const expected = await api<{ units: { unitId: string; rank: number; overall: number; parts: Record<string, number> }[] }>(LEAD, '/v1/rankings');
    await page.locator('.cell-overall').nth(expected.units.length - 1).waitFor();
    const shown = await page.locator('.cell-overall').evaluateAll((cells) =>
      cells.map((el) => {
        const unit = el.getAttribute('data-unit')!;
        const text = (sel: string) => el.ownerDocument.querySelector(`${sel}[data-unit="${unit}"]`)?.textContent?.trim();
        return { unitId: unit, rank: text('.cell-rank'), overall: el.textContent!.trim(), parts: [1, 2, 3, 4, 5, 6].map((p) => text(`.cell-part-${p}`)) };
      }),
    );
    expect(shown).toEqual(
      expected.units.map((u) => ({ unitId: u.unitId, rank: String(u.rank), overall: u.overall.toFixed(2), parts: ['1', '2', '3', '4', '5', '6'].map((p) => u.parts[p].toFixed(2)) })),
    );
    await h.shot(page, '01-rankings-lead');
    // Changes against the published result: nothing was recorded since, so every change is 0.00.
    await option(page, '[data-testid=compare]', 'lc-2017');
    await page.locator('.change').first().waitFor();
    expect(new Set(await page.locator('.change').allTextContents())).toEqual(new Set(['0.00']));
    await page.close();
  }, LONG);

  it("a unit page's indicators equal GET /v1/scores, and opening a deduction shows its event and evidence", async () => {
    const page = await h.signedIn(GOV);
    await page.goto(`${h.baseUrl}/units/${STREET}`);
    const doc = await api<ScoresDocument>(GOV, `/v1/scores?unitId=${STREET}`);
    const unit = doc.units[0];
    expect(await overallOnPage(page)).toBe(unit.overall.toFixed(2));
    const rows = await page.locator('tr.indicator-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.querySelectorAll('td')[1].textContent!.trim(),
        max: tr.querySelector('.cell-max')!.textContent!.trim(),
        score: tr.querySelector('.cell-score')!.textContent!.trim(),
        status: tr.querySelector('[data-status]')!.getAttribute('data-status'),
      })),
    );
    expect(rows).toEqual(LC_2017.indicators.map((i) => ({ id: i.id, max: unit.indicators[i.id].max.toFixed(2), score: unit.indicators[i.id].score.toFixed(2), status: unit.indicators[i.id].status })));
    expect(await page.locator('[data-testid=part-score]').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6'].map((p) => unit.parts[p as '1'].toFixed(2)));

    const [indicator, score] = Object.entries(unit.indicators).find(([, s]) => s.trace.some((e) => e.points < 0 && e.eventIds.length > 0))!;
    const entry = score.trace.find((e) => e.points < 0 && e.eventIds.length > 0)!;
    const trace = await openTrace(page, indicator);
    await expect(trace.textContent()).resolves.toContain(entry.zh);
    const card = trace.locator(`[data-event-id="${entry.eventIds[0]}"]`);
    await card.waitFor();
    const [event] = (await h.ledger.ledger.store.findByIds([entry.eventIds[0]])) as { evidence: { ref: string }[] }[];
    await expect(card.textContent()).resolves.toContain(event.evidence[0].ref);
    for (const id of entry.interpretations) await expect(trace.textContent()).resolves.toContain(id);
    await page.locator('[data-testid=score-chart] canvas').first().waitFor();
    await h.shot(page, '02-unit-gov-trace');
    await page.close();
  }, LONG);

  it("a street signs in to its own page and cannot see another street's unit page", async () => {
    const page = await h.signedIn(STREET);
    await page.waitForURL(`**/units/${STREET}`);
    await overallOnPage(page);
    expect(await page.locator('[data-testid=nav]').textContent()).not.toContain('排名');
    await h.shot(page, '03-unit-street-own');
    await page.goto(`${h.baseUrl}/units/kaiyuan-street`);
    await page.locator('[data-testid=unit-error]').waitFor();
    expect(await page.locator('[data-testid=unit-overall]').count()).toBe(0);
    await h.shot(page, '04-unit-street-forbidden');
    await page.close();
  }, LONG);

  it('the language switch turns the page to English and back', async () => {
    const page = await h.signedIn(GOV);
    await page.waitForURL('**/rankings');
    expect(await page.locator('[data-testid=nav]').textContent()).toContain('排名');
    await page.locator('[data-testid=lang-switch]').getByText('EN').click();
    await page.locator('[data-testid=nav]', { hasText: 'Rankings' }).waitFor();
    await page.locator('.el-table-v2__header', { hasText: 'Overall' }).waitFor();
    await h.shot(page, '05-rankings-english');
    await page.locator('[data-testid=lang-switch]').getByText('中文').click();
    await page.locator('[data-testid=nav]', { hasText: '排名' }).waitFor();
    await page.close();
  }, LONG);

  it("a street files a dispute, 区政府办 overturns it, and the street's score changes on screen", async () => {
    // A street with a plain deduction (a failed spot check, an unfinished task) of its own, not disputed yet, in a
    // part below its maximum (part 3 is capped at 100, I-CAP, where giving points back may change nothing).
    const partOf = new Map(LC_2017.indicators.map((i) => [i.id, i.part]));
    const units = (await api<{ units: { unitId: string; kind: string }[] }>(GOV, '/v1/units')).units.filter((u) => u.kind === 'street');
    const disputed = new Set((await api<{ disputes: { findingEventIds: string[] }[] }>(GOV, '/v1/disputes')).disputes.flatMap((d) => d.findingEventIds));
    let found: { unitId: string; eventId: string } | undefined;
    for (const { unitId } of units) {
      const unit = (await api<ScoresDocument>(GOV, `/v1/scores?unitId=${unitId}`)).units[0];
      const ids = Object.entries(unit.indicators)
        .filter(([id]) => unit.parts[partOf.get(id)!] < 100)
        .flatMap(([, s]) => s.trace)
        .filter((e) => e.points < 0 && e.eventIds.length === 1 && !disputed.has(e.eventIds[0]))
        .map((e) => e.eventIds[0]);
      const plain = (await h.ledger.ledger.store.findByIds(ids)).find((e) => ['SpotCheckRecorded', 'TaskIncompleteFound', 'FrontEndFaultRecorded'].includes(e.type));
      if (plain) {
        found = { unitId, eventId: plain.eventId };
        break;
      }
    }
    expect(found).toBeDefined();
    const { unitId: STREET, eventId: findingId } = found!;
    const target = { eventIds: [findingId] };

    const street = await h.signedIn(STREET);
    const before = await overallOnPage(street);
    await street.goto(`${h.baseUrl}/disputes`);
    await street.locator('[data-testid=file-dispute]').click();
    await street.locator(`[data-testid=dispute-findings] [data-event-id="${target.eventIds[0]}"]`).click();
    await street.locator('[data-testid=dispute-grounds]').fill('该事项已按期办结，见系统办件记录');
    await street.locator('[data-testid=evidence-ref-0]').last().fill('办件记录截图.png');
    await street.locator('[data-testid=evidence-sha-0]').last().fill('a'.repeat(64));
    await h.shot(street, '06-dispute-filing');
    await street.locator('[data-testid=dispute-submit]').click();
    await street.locator('.dispute-state', { hasText: '处理中' }).waitFor();
    await h.shot(street, '07-disputes-street');
    const filed = (await api<{ disputes: { disputeId: string; status: string; findingEventIds: string[] }[] }>(STREET, '/v1/disputes?status=open')).disputes.find((d) => d.findingEventIds.includes(target.eventIds[0]))!;
    expect(filed).toBeDefined();

    const gov = await h.signedIn(GOV);
    await gov.goto(`${h.baseUrl}/disputes`);
    await gov.locator(`[data-testid="resolve-${filed.disputeId}"]`).click();
    await gov.locator('[data-testid=resolve-decision]').getByText('撤销（改判）').click();
    await gov.locator('[data-testid=resolve-note]').fill('经核查，申诉理由成立');
    await gov.locator('[data-testid=evidence-ref-0]').last().fill('区政府办复核意见.pdf');
    await gov.locator('[data-testid=evidence-sha-0]').last().fill('b'.repeat(64));
    await gov.locator('[data-testid=resolve-submit]').click();
    await gov.locator(`[data-testid="resolve-${filed.disputeId}"]`).waitFor({ state: 'detached' });
    await h.shot(gov, '08-disputes-gov-resolved');

    await street.goto(`${h.baseUrl}/units/${STREET}`);
    const after = await overallOnPage(street);
    const now = (await api<ScoresDocument>(STREET, `/v1/scores?unitId=${STREET}`)).units[0].overall;
    expect(after).toBe(now.toFixed(2));
    expect(Number(after)).toBeGreaterThan(Number(before));
    await street.close();
    await gov.close();
  }, LONG);

  it('a lead records a finding with one bad field (error beside it, nothing stored), fixes it, sees it in the trail; as known before it, the trace lacks it', async () => {
    const indicator = LC_2017.indicators.find((i) => i.leads.includes(LEAD) && i.feeds.includes('MetricMeasured'))!.id;
    const page = await h.signedIn(LEAD);
    await page.goto(`${h.baseUrl}/record`);
    await option(page, '[data-testid=record-type]', '指标测量');
    await option(page, '[data-field=unitId] .el-select', '海滨街道');
    await option(page, '[data-field=indicator] .el-select', new RegExp(`^${indicator.replace('.', '\\.')} `));
    await page.locator('[data-field=numerator] input').fill('5');
    await page.locator('[data-field=denominator] input').fill('3');
    await page.locator('[data-testid=evidence-ref-0]').fill('区行政服务中心测量表.xlsx');
    await page.locator('[data-testid=evidence-sha-0]').fill('c'.repeat(64));
    const headBefore = await h.ledger.head();
    await page.locator('[data-testid=record-submit]').click();
    const numeratorError = page.locator('[data-field=numerator] .el-form-item__error');
    await numeratorError.waitFor();
    expect(await numeratorError.textContent()).toContain('denominator');
    expect(await page.locator('[data-field=denominator] .el-form-item__error').count()).toBe(0);
    expect(await h.ledger.head()).toBe(headBefore);
    await h.shot(page, '09-record-refused');

    await page.locator('[data-field=numerator] input').fill('1');
    await page.locator('[data-testid=record-submit]').click();
    const stored = page.locator('[data-testid=record-stored]');
    await stored.waitFor();
    const eventId = /([0-9a-f-]{36})/.exec((await stored.textContent())!)![1];
    expect(await h.ledger.head()).toBe(headBefore + 1);
    await h.shot(page, '10-record-stored');

    await page.goto(`${h.baseUrl}/trail?unitId=${STREET}&type=MetricMeasured&indicator=${indicator}`);
    await page.locator(`[data-testid=trail] [data-event-id="${eventId}"]`).waitFor();
    // Within a unit the API counts the matching events; the page says how many there are over all pages.
    const shown = await page.locator('[data-testid=trail] [data-event-id]').count();
    expect(await page.locator('[data-testid=trail-total]').textContent()).toBe(`共 ${shown} 条事件`);
    await h.shot(page, '11-trail');

    // On the unit page the new measurement is in the trace; as known at the published result (before it), it is not.
    await page.goto(`${h.baseUrl}/units/${STREET}`);
    let trace = await openTrace(page, indicator);
    await trace.locator(`[data-event-id="${eventId}"]`).waitFor();
    await page.getByRole('button', { name: /已发布结果/ }).first().click();
    await page.waitForURL(/knownAt=/);
    await overallOnPage(page);
    trace = await openTrace(page, indicator);
    await trace.waitFor();
    expect(await trace.locator(`[data-event-id="${eventId}"]`).count()).toBe(0);
    await h.shot(page, '12-unit-known-before');
    await page.close();
  }, LONG);

  it('everyone lists the published results and verifies one; 区政府办 sees the publish form', async () => {
    const street = await h.signedIn(STREET);
    await street.goto(`${h.baseUrl}/results`);
    expect(await street.locator('[data-testid=publish]').count()).toBe(0);
    await street.locator('[data-testid^=verify-]').first().click();
    await street.locator('.verify-result').first().waitFor();
    expect(await street.locator('.verify-result').first().textContent()).toContain('一致');
    // The latest signed checkpoint, as GET /v1/checkpoint signs it (read after the page: nothing is appended meanwhile).
    await street.locator('[data-testid=checkpoint-tree-size]').waitFor();
    const note = (await (await h.ledger.as(STREET)).get('/v1/checkpoint')).text;
    const [origin, treeSize, rootHash] = note.split('\n');
    expect((await street.locator('[data-testid=checkpoint-tree-size]').textContent())!.trim()).toBe(treeSize);
    expect((await street.locator('[data-testid=checkpoint-root-hash]').textContent())!.trim()).toBe(rootHash);
    expect((await street.locator('[data-testid=checkpoint-note]').textContent())!.trim()).toBe(note.trim());
    const signature = /^\u2014 (\S+) (\S+)$/m.exec(note)!;
    expect(signature[1]).toBe(origin);
    const keyId = Buffer.from(signature[2], 'base64').subarray(0, 4).toString('hex');
    expect(await street.locator('[data-testid=checkpoint-key]').first().textContent()).toContain(`${origin} · 密钥编号 ${keyId}`);
    expect(await street.locator('[data-testid=copy-checkpoint]').isVisible()).toBe(true);
    // Each published result shows the tree it pins (the demo's result is of schema version 2).
    const { results } = await api<{ results: { resultId: string; treeSize: number | null; rootHash: string | null }[] }>(STREET, '/v1/results');
    const pinned = results.find((r) => r.treeSize !== null)!;
    expect(pinned).toBeDefined();
    const cell = street.locator(`[data-testid=tree-${pinned.resultId}]`);
    expect((await cell.textContent())!.trim()).toBe(`${pinned.treeSize} · ${pinned.rootHash!.slice(0, 16)}…`);
    expect(await cell.getAttribute('title')).toBe(pinned.rootHash);
    await h.shot(street, '13-results-street');
    const gov = await h.signedIn(GOV);
    await gov.goto(`${h.baseUrl}/results`);
    await gov.locator('[data-testid=publish]').waitFor();
    await h.shot(gov, '14-results-gov');
    await street.close();
    await gov.close();
  }, LONG);
});
