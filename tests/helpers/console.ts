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
