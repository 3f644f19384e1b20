import { describe, expect, it } from 'vitest';
import { Report } from '../../../lib/report/schema.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

describe('report schema', () => {
  it('rejects an error report that carries findings', async () => {
    const { report } = await analyzeFixture('weak-fm.txt');
    const broken = { ...report, status: 'error', error: { code: 'corrupt', message: 'x' } };
    expect(Report.safeParse(broken).success).toBe(false);
    expect(Report.safeParse(report).success).toBe(true);
  });
});
