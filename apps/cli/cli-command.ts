// The contract of one `ledger <command>`: each lives in commands/<name>.command.ts and is loaded only when run,
// so `evaluate` starts without the database or Nest.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The wall clock, passed in so commands (and their tests) do not read it themselves. */
  now(): Date;
}

export interface CliCommand {
  name: string;
  /** One line for `ledger --help`. */
  summary: string;
  /** The full text of `ledger <name> --help`. */
  usage: string;
  /** Resolves to the exit code: 0 success, 1 bad input, 2 bad usage or environment. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Writes and resolves once the stream has taken the text, so a large JSON is not cut off at exit. */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
