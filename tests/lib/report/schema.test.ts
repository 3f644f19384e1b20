import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Report, REPORT_SCHEMA_VERSION, reportJsonSchema } from '../../../lib/report/schema.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

describe('report schema', () => {
  it('is published as a JSON Schema file that matches the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8'));
    // Regenerate with `npm run schema` after changing lib/report/schema.ts.
    expect(committed).toEqual(reportJsonSchema());
    expect(committed.$id).toContain(REPORT_SCHEMA_VERSION);
  });

  it('rejects an error report that carries findings', async () => {
    const { report } = await analyzeFixture('weak-fm.txt');
    const broken = { ...report, status: 'error', error: { code: 'corrupt', message: 'x' } };
    expect(Report.safeParse(broken).success).toBe(false);
    expect(Report.safeParse(report).success).toBe(true);
  });
});
