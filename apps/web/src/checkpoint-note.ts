// Reads the signed note GET /v1/checkpoint answers (C2SP tlog-checkpoint in a signed-note, integrity.md §2) for
// display: the body's origin, tree size, root hash and time line, and each signature line's key name and key id
// (the first 4 bytes of the signature field). It shows; it does not verify: `ledger audit` and `ledger check-proof`
// verify, with a verifier key kept outside this server.

export interface CheckpointView {
  origin: string;
  treeSize: number;
  /** base64, as the note and ResultsPublished.rootHash write it */
  rootHash: string;
  /** the `time` extension line, when present */
  time: string | null;
  signatures: { keyName: string; keyId: string }[];
}

function keyIdOf(signature: string): string {
  const bytes = atob(signature);
  let hex = '';
  for (let i = 0; i < Math.min(4, bytes.length); i++) hex += bytes.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/** null when the text is not a checkpoint note (the page then shows the text as it came). */
export function parseCheckpoint(note: string): CheckpointView | null {
  const split = note.indexOf('\n\n');
  if (split < 0) return null;
  const body = note.slice(0, split).split('\n');
  const [origin, size, rootHash, ...extensions] = body;
  if (!origin || !/^\d+$/.test(size ?? '') || !rootHash) return null;
  const time = extensions.find((line) => line.startsWith('time '))?.slice(5) ?? null;
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.startsWith('\u2014 '))
    .map((line) => {
      const [keyName = '', signature = ''] = line.slice(2).split(' ');
      return { keyName, keyId: keyIdOf(signature) };
    });
  return { origin, treeSize: Number(size), rootHash, time, signatures };
}
