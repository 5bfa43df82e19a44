// A dispute is named by its unit and its id: dispute ids are the unit's own, so two units may reuse one. The one key
// of a dispute in every map that holds disputes (decide's state, the evaluator, the read models). Unit ids never hold
// '/' (UNIT_ID_PATTERN), so the key is unambiguous whatever the dispute id holds.
export const disputeKey = (unitId: string, disputeId: string): string => `${unitId}/${disputeId}`;
