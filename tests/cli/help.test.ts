import { describe, expect, it } from 'vitest';
import { capturePrinted } from '../helpers/console.js';
import { describeFailure, EnvironmentError } from '../../cli/main.js';

const COMMANDS = ['analyze', 'eval', 'train', 'portfolio', 'rescan', 'schema', 'simulate', 'start'] as const;

describe('every command', () => {
  const printed = capturePrinted();

  it.each(COMMANDS)('%s: --help prints the usage and exits 0; an unknown flag exits 2 with the usage', async (command) => {
    const { main } = (await import(`../../cli/${command}.ts`)) as { main: (argv: string[]) => Promise<number> };
    expect(await main(['--help'])).toBe(0);
    expect(printed.join('\n')).toMatch(/^Usage: npm (run \w+|start)/m);
    printed.length = 0;
    expect(await main(['--no-such-flag'])).toBe(2);
    expect(printed.join('\n')).toMatch(/no-such-flag[\s\S]*Usage:/);
  });
});

describe('describeFailure', () => {
  it('turns environment problems into one line and exit status 2', () => {
    expect(describeFailure(Object.assign(new Error('127.0.0.1:4569 is already in use'), { code: 'EADDRINUSE' }))).toEqual({
      message: expect.stringMatching(/already in use.*--port/),
      exit: 2,
    });
    expect(describeFailure(new EnvironmentError('bucket "x" does not exist'))).toEqual({ message: 'bucket "x" does not exist', exit: 2 });
    expect(describeFailure(new Error('boom'))).toEqual({ message: 'boom', exit: 1 });
  });
});
