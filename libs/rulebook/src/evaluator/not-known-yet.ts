// "Not known yet" has one meaning and one message everywhere: GET /v1/scores?unitId= answers 404 with it and
// `ledger evaluate --unit` exits 1 with it. A unit is known at knownAt once a UnitRegistered for it was recorded by
// then; a lead unit of the rulebook once anything was recorded (evaluation.ts).
export function notKnownYet(unitId: string, knownAt: string): string {
  return `unitId: no unit "${unitId}" is known at ${knownAt} (nothing recorded by then registers it; a lead unit is known once anything is recorded)`;
}
