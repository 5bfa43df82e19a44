// Option parsing shared by the database commands: node:util parseArgs with `--help`, a usage error naming the
// problem, and the usage text on request.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_OK, EXIT_USAGE, write, type CliIo } from './cli-command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type Parsed<T extends Options> = { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string }; positionals: string[] };

/** The parsed options, or the exit code when the command is done already (help printed, or bad usage). */
export async function parseCommandArgs<T extends Options>(
  io: CliIo,
  name: string,
  usage: string,
  argv: string[],
  options: T,
  positionals: { min: number; max: number } = { min: 0, max: 0 },
): Promise<Parsed<T> | number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: positionals.max > 0 });
  } catch (error) {
    await write(io.stderr, `${name}: ${(error as Error).message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  if ((parsed.values as { help?: boolean }).help) {
    await write(io.stdout, usage);
    return EXIT_OK;
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > positionals.max) {
    await write(io.stderr, `${name}: expected ${positionals.min === positionals.max ? positionals.min : `${positionals.min} to ${positionals.max}`} argument(s), got ${count}\n\n${usage}`);
    return EXIT_USAGE;
  }
  return parsed as unknown as Parsed<T>;
}
