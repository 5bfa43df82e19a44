// The real app on a fresh database of the run's PostgreSQL, seeded with the demo ledger through the API's command
// path (as `ledger demo` does), listening on a port of 4300–4399, and a Chromium driven by playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CommandBus } from '@nestjs/cqrs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AppendEventsCommand } from '../../../apps/api/events/append-events.command.js';
import { RULEBOOK } from '../../../apps/api/infrastructure/tokens.js';
import { PublishResultsCommand } from '../../../apps/api/results/publish-results.command.js';
import { ASSESSMENT_ID, DEMO_ACTORS, lichengDistrict } from '../../../apps/cli/demo/licheng-district.scenario.js';
import { consoleDirectory } from '../../../apps/api/console/console-static.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { startLedgerTestApp, type LedgerTestApp } from '../../e2e/support/ledger-test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Why the browser tests cannot run here, or null when they can. */
export function whyNoBrowser(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}: install one with \`apt-get install -y chromium\` (or set CHROMIUM_PATH) to run the console's browser tests`;
  if (consoleDirectory() === null) return 'the console is not built (dist/web): `npm test` builds it first; run `npm run build`';
  return null;
}

export interface ConsoleHarness {
  ledger: LedgerTestApp;
  baseUrl: string;
  browser: Browser;
  /** A new browser tab signed in with a fresh key of `unitId` (through the sign-in page). */
  signedIn(unitId: string): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

async function listenInRange(server: Server): Promise<number> {
  for (let port = 4320 + (process.pid % 40); port < 4400; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 4320–4399');
}

export async function startConsole(label: string): Promise<ConsoleHarness> {
  const ledger = await startLedgerTestApp(label);
  const commands = ledger.app.get(CommandBus);
  const rulebook = ledger.app.get<Rulebook>(RULEBOOK);
  for (const step of lichengDistrict(rulebook)) await commands.execute(new AppendEventsCommand(step.actor, step.events));
  const now = new Date().toISOString();
  await commands.execute(new PublishResultsCommand(DEMO_ACTORS.gov, ASSESSMENT_ID, undefined, now, now));
  const port = await listenInRange(ledger.app.getHttpServer() as Server);
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ledger,
    baseUrl,
    browser,
    async signedIn(unitId) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1300 }, locale: 'zh-CN', timezoneId: 'Europe/London' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.locator('[data-testid=key-input]').fill(await ledger.keyFor(unitId));
      await page.locator('[data-testid=sign-in]').click();
      await page.locator('[data-testid=who]').waitFor();
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    async close() {
      await browser.close();
      await ledger.close();
    },
  };
}
