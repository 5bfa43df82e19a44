// Lint fixture (never compiled): linted as a file of apps/cli, then of apps/api, by
// test/architecture/dependency-rule.unit.spec.ts. Each app importing the other must fail lint.
import { createLedgerApp } from '../api/app.factory.js';
import { main } from '../cli/main.js';

export const both = [createLedgerApp, main];
