#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { main as analyze } from './analyze.js';
import { isMain } from './main.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The demo: analyzes the bundled example contracts into local-reports/ and prints the summary. */
export async function main(argv: string[]): Promise<number> {
  return analyze([EXAMPLES, '--out', 'local-reports', ...argv]);
}

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
