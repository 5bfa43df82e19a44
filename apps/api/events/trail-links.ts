// Each event of the trail carries its links from the evidence index: the retraction that withdrew it, the disputes
// naming it and the resolution that overturned it, so a reader of a finding sees its whole story at once. The trail
// reads them from the same index rows that make its page (list-events.handler.ts).
export interface TrailLinks {
  retractedBy: string | null;
  disputes: string[];
  overturnedBy: string | null;
}
