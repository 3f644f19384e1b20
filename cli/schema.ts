#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { reportJsonSchema } from '../lib/report/schema.js';
import { parseCommandLine, usageError } from './args.js';
import { runCommand } from './main.js';

const USAGE = `Usage: npm run schema -- [<file>]

Writes the report's JSON Schema (generated from the zod schema in lib/report/schema.ts) to <file>,
by default schema/report.schema.json.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {}, USAGE);
  if ('exit' in parsed) return parsed.exit;
  if (parsed.positionals.length > 1) return usageError('Give at most one output file.', USAGE).exit;
  const target = parsed.positionals[0] ?? 'schema/report.schema.json';
  await writeFile(target, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${target}`);
  return 0;
}

await runCommand(import.meta.url, main);
