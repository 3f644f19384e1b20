import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, errorFields } from '../../service/logger.js';
import { writtenWhile } from '../helpers/console.js';

/** The JSON lines written to stdout and stderr (warnings and errors) while `run` runs, in order. */
async function logged(run: () => void): Promise<Array<Record<string, unknown>>> {
  return (await writtenWhile(run))
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe('logger', () => {
  it('writes one JSON line per entry with the service, the level and the fields, and drops undefined fields', async () => {
    const lines = await logged(() =>
      createLogger('info', 'clausewatch-test').info('report written', { reportKey: 'reports/a.pdf.json', pages: 3, code: undefined }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: 'report written', service: 'clausewatch-test', reportKey: 'reports/a.pdf.json', pages: 3 });
    expect(lines[0]).not.toHaveProperty('code');
    expect(typeof lines[0]!.timestamp).toBe('string');
  });

  it('keeps lines below its level out', async () => {
    const lines = await logged(() => {
      const logger = createLogger('warn', 'clausewatch-test');
      logger.debug('a');
      logger.info('b');
      logger.warn('c');
      logger.error('d');
    });
    expect(lines.map((line) => line.message)).toEqual(['c', 'd']);
  });

  it('gives a child the parent fields and its own, without changing the parent', async () => {
    const lines = await logged(() => {
      const parent = createLogger('info', 'clausewatch-test').child({ messageId: 'm-1' });
      parent.child({ key: 'contracts/a.pdf' }).info('object');
      parent.info('message');
    });
    expect(lines[0]).toMatchObject({ messageId: 'm-1', key: 'contracts/a.pdf', message: 'object' });
    expect(lines[1]).toMatchObject({ messageId: 'm-1', message: 'message' });
    expect(lines[1]).not.toHaveProperty('key');
  });

  it('reduces an error to its name, code and message', () => {
    const error = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', code: 'AccessDenied', body: 'contract text' });
    expect(errorFields(error)).toEqual({ error: 'AccessDenied', errorMessage: 'Access Denied', errorCode: 'AccessDenied' });
    expect(errorFields('plain')).toEqual({ error: 'plain' });
  });
});
