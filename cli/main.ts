import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isClausewatchError } from '../lib/errors.js';

// The AWS SDK warns on every command that its releases from 2027 need Node.js 22; the README says
// which Node.js versions clausewatch supports, so the CLI does not repeat it on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** True when the module at `moduleUrl` is the script Node was started with (not an import from a test). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

/** An error about the environment, not the command line: a busy port, a name the storage refuses. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** The line a command prints when an S3 or AWS call fails: the error's name and message. */
export function failureLine(error: unknown): string {
  const failure = error as { name?: string; message?: string } | null;
  return `Failed: ${failure?.name ?? 'Error'}: ${failure?.message ?? String(error)}`;
}

/** One line saying what went wrong, and the exit status: 2 for the environment or the usage, 1 otherwise. */
export function describeFailure(error: unknown): { message: string; exit: number } {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof EnvironmentError) return { message: error.message, exit: 2 };
  if (isClausewatchError(error)) return { message: `${error.code}: ${error.message}`, exit: error.code === 'library_invalid' ? 2 : 1 };
  if (code === 'EADDRINUSE')
    return { message: `The port is already in use (${(error as Error).message}): stop the other process or choose another port with --port.`, exit: 2 };
  if (code === 'ENOENT' || code === 'EACCES') return { message: (error as Error).message, exit: 2 };
  return { message: error instanceof Error ? error.message : String(error), exit: 1 };
}

/**
 * Runs a command's `main` when its module is the script Node started: exit status from `main`, and
 * for an unexpected failure one line on stderr (the stack trace only with --debug or
 * CLAUSEWATCH_DEBUG=1).
 */
export async function runCommand(moduleUrl: string, main: (argv: string[]) => Promise<number>): Promise<void> {
  if (!isMain(moduleUrl)) return;
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug') || process.env.CLAUSEWATCH_DEBUG === '1';
  try {
    process.exitCode = await main(argv.filter((argument) => argument !== '--debug'));
  } catch (error) {
    const failure = describeFailure(error);
    console.error(`error: ${failure.message}${debug ? '' : ' (run with --debug for details)'}`);
    if (debug && error instanceof Error) console.error(error.stack);
    process.exitCode = failure.exit;
  }
}
