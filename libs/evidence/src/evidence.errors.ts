// Refusals of an upload, each naming the field (header or body) and the reason; the HTTP layer maps them to 400/413.
export class EvidenceRefusedError extends Error {
  override readonly name = 'EvidenceRefusedError';
  constructor(
    readonly kind: 'invalid' | 'too-large',
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}
