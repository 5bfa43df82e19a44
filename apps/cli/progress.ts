// Progress on stderr, never stdout (stdout is the command's output): a bar redrawn in place on a terminal,
// otherwise a plain line every few seconds, so logs of a long run show it is alive without flooding.
import type { CliIo } from './cli-command.js';

const WIDTH = 30;
const LINE_INTERVAL_MS = 5000;

/**
 * The interval between plain progress lines: LEDGER_PROGRESS_INTERVAL_MS (a whole number of ms, 0 for a line at
 * every update) or 5 s. Tests set 0 to see the lines of a long step on a small ledger, without timing anything.
 */
export function progressIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.LEDGER_PROGRESS_INTERVAL_MS;
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : LINE_INTERVAL_MS;
}

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(io: CliIo, label: string): Progress {
  const stream = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  const tty = stream.isTTY === true;
  // Quiet for short runs: the first line comes after an interval, and the last only if lines were printed.
  let lastLineAt = io.now().getTime();
  let printed = false;
  let last = { done: 0, total: 0 };
  const interval = progressIntervalMs();
  const text = ({ done, total }: typeof last) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    return `${label} ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${total}`;
  };
  return {
    update(done, total) {
      last = { done, total };
      if (tty) {
        const filled = Math.round((total > 0 ? Math.min(1, done / total) : 1) * WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${text(last)}`);
        printed = true;
        return;
      }
      const now = io.now().getTime();
      if (now - lastLineAt >= interval) {
        lastLineAt = now;
        printed = true;
        stream.write(`${text(last)}\n`);
      }
    },
    finish() {
      if (printed) stream.write(tty ? '\n' : `${text(last)}\n`);
    },
  };
}
