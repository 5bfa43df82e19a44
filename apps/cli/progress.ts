// Progress on stderr, never stdout (stdout is the command's output): a bar redrawn in place on a terminal,
// otherwise a plain line at most every few seconds, so logs of a long run show it is alive without flooding.
import type { CliIo } from './cli-command.js';

const WIDTH = 30;
const LINE_INTERVAL_MS = 5000;

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(io: CliIo, label: string): Progress {
  const stream = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  const tty = stream.isTTY === true;
  let lastLineAt = -Infinity;
  let last = { done: 0, total: 0 };
  let drawn = false;
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
        drawn = true;
        return;
      }
      const now = io.now().getTime();
      if (now - lastLineAt >= LINE_INTERVAL_MS) {
        lastLineAt = now;
        stream.write(`${text(last)}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write('\n');
      else if (!tty && last.total > 0) stream.write(`${text(last)}\n`);
    },
  };
}
