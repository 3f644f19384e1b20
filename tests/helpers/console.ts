import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Captures what a command prints (console.log and console.error) in each test of the calling
 * suite; the returned array is emptied before each test and the console restored after it.
 */
export function capturePrinted(): string[] {
  const printed: string[] = [];
  beforeEach(() => {
    printed.length = 0;
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());
  return printed;
}

/**
 * Everything written to stdout and stderr (structured logs) while `run` runs, in order; the
 * streams are restored afterwards, whether `run` succeeds or throws.
 */
export async function writtenWhile(run: () => unknown): Promise<string[]> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks;
}
