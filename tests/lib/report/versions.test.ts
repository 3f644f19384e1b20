import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../../cli/schema.js';
import { Report, REPORT_SCHEMA_VERSION } from '../../../lib/report/schema.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REPORTS = path.join(ROOT, 'tests/fixtures/reports');
const committed = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'schema', file), 'utf8'));
const ajv = () => new Ajv2020({ strict: false, allErrors: true });

describe('published schemas', () => {
  it('are the ones generated from the zod schemas (run npm run schema after changing them)', () => {
    for (const [file, schema] of Object.entries(schemaFiles())) expect(committed(file), file).toEqual(schema);
    expect(committed('report.schema.json').$id).toContain(REPORT_SCHEMA_VERSION);
  });

  it('check the built-in library data, which names them in "$schema"', () => {
    for (const [data, schema] of [
      ['lib/library/clause-library.json', 'clause-library.schema.json'],
      ['lib/library/exposure-watchlist.json', 'exposure-watchlist.schema.json'],
    ] as const) {
      const value = JSON.parse(readFileSync(path.join(ROOT, data), 'utf8'));
      expect(value.$schema).toBe(`../../schema/${schema}`);
      const validate = ajv().compile(committed(schema));
      expect(validate(value), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});

// A report written by any released version stays readable: the zod schema and the published JSON
// Schema of this version accept it (a field a version adds is optional for readers).
describe('reports of every released version', () => {
  const files = readdirSync(REPORTS).filter((file) => file.endsWith('.json'));

  it('are kept as examples, one ok report and one error report per version', () => {
    const versions = new Set(files.map((file) => JSON.parse(readFileSync(path.join(REPORTS, file), 'utf8')).schemaVersion));
    expect([...versions].sort()).toEqual(['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0', '1.6.0']);
    expect(files.some((file) => file.startsWith(REPORT_SCHEMA_VERSION))).toBe(true);
  });

  it.each(files)("%s is valid against this version's zod schema and JSON Schema", (file) => {
    const report = JSON.parse(readFileSync(path.join(REPORTS, file), 'utf8'));
    expect(() => Report.parse(report)).not.toThrow();
    const validate = ajv().compile(committed('report.schema.json'));
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
