// The one instant parser lives in events/ (the bottom of the dependency direction), so the append check, the
// evaluator, the CLI and the HTTP parameters all read dates the same way. Re-exported here for the rulebook's code.
export * from '../../../events/instant.js';
