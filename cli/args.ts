import { parseArgs, type ParseArgsConfig } from 'node:util';

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type Config<T extends Options> = { args: string[]; allowPositionals: true; options: T & typeof HELP };

/**
 * Parses a command line with `--help`: prints the usage for `--help` (exit 0) or with the
 * parser's message for a bad flag (exit 2), so each command only handles its own arguments.
 */
export function parseCommandLine<T extends Options>(argv: string[], options: T, usage: string): ReturnType<typeof parseArgs<Config<T>>> | { exit: number } {
  let parsed: ReturnType<typeof parseArgs<Config<T>>>;
  try {
    parsed = parseArgs<Config<T>>({ args: argv, allowPositionals: true, options: { ...options, ...HELP } });
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return { exit: 0 };
  }
  return parsed;
}

/** Prints a usage error with the usage text; the exit status of usage errors is 2. */
export function usageError(message: string, usage: string): { exit: number } {
  console.error(`${message}\n\n${usage}`);
  return { exit: 2 };
}
