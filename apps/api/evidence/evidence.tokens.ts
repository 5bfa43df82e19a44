export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
export const EVIDENCE_DEPS = Symbol('EVIDENCE_DEPS');
