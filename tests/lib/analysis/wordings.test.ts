import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyzeDocument } from '../../../lib/analyze.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import type { Report } from '../../../lib/report/schema.js';

const Wordings = z.object({
  wordings: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      /** `fm.present`, `ec.remedy`, …: what the rubric says the wording holds. */
      expect: z.record(z.string(), z.boolean()),
      knownMiss: z.boolean().optional(),
    }),
  ),
});

const { wordings } = Wordings.parse(JSON.parse(readFileSync(new URL('../../fixtures/wordings.json', import.meta.url), 'utf8')));
const library = loadDefaultLibrary();
const PREFIX: Record<string, string> = { 'force-majeure': 'fm', 'export-control': 'ec' };

/** What the report says about each labelled key: clause presence and every element. */
function readings(report: Report): Record<string, boolean> {
  const found: Record<string, boolean> = {};
  for (const finding of report.findings) {
    const prefix = PREFIX[finding.clauseType]!;
    found[`${prefix}.present`] = finding.present;
    for (const element of finding.elements) found[`${prefix}.${element.id}`] = element.present;
  }
  return found;
}

async function disagreements(text: string, expected: Record<string, boolean>): Promise<string[]> {
  const { report } = await analyzeDocument(new TextEncoder().encode(text), { name: 'wording.txt', library });
  const found = readings(report);
  return Object.entries(expected)
    .filter(([key, value]) => (found[key] ?? false) !== value)
    .map(([key, value]) => `${key}: expected ${value}`);
}

// One short provision per drafting style, beside the whole-document fixtures: a wording the rules
// do not generalise to fails here on its own, with the element it misses.
describe('provisions in many wordings', () => {
  const read = wordings.filter((wording) => !wording.knownMiss);
  it.each(read.map((wording) => [wording.id, wording.kind, wording] as const))('%s (%s) is read as labelled', async (_id, _kind, wording) => {
    expect(await disagreements(wording.text, wording.expect)).toEqual([]);
  });

  // Known misses are listed so that they stay visible; when one is fixed, move it to the list above.
  const misses = wordings.filter((wording) => wording.knownMiss);
  it.each(misses.map((wording) => [wording.id, wording.kind, wording] as const))('%s (%s) is still a known miss', async (_id, _kind, wording) => {
    expect(await disagreements(wording.text, wording.expect)).not.toEqual([]);
  });
});
