export type RuleKind = { kind: string };
