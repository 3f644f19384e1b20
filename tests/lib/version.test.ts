import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ANALYZER_VERSION } from '../../lib/version.js';

it('reports the package version as the analyzer version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  expect(ANALYZER_VERSION).toBe(pkg.version);
});
