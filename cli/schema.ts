#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clauseLibraryJsonSchema, watchlistJsonSchema } from '../lib/library/json-schema.js';
import { portfolioRecordJsonSchema } from '../lib/portfolio/record.js';
import { reportJsonSchema } from '../lib/report/schema.js';
import { parseCommandLine, usageError } from './args.js';
import { runCommand } from './main.js';

const USAGE = `Usage: npm run schema -- [<folder>]

Writes the JSON Schemas generated from the zod schemas to <folder> (by default schema/): the report
(report.schema.json), the clause library (clause-library.schema.json), the exposure watchlist
(exposure-watchlist.schema.json) and a portfolio row (portfolio-row.schema.json). The library data files name theirs in "$schema", so an editor
checks them as they are written.`;

/** The JSON Schema files the project publishes, by file name. */
export function schemaFiles(): Record<string, unknown> {
  return {
    'report.schema.json': reportJsonSchema(),
    'clause-library.schema.json': clauseLibraryJsonSchema(),
    'exposure-watchlist.schema.json': watchlistJsonSchema(),
    'portfolio-row.schema.json': portfolioRecordJsonSchema(),
  };
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {}, USAGE);
  if ('exit' in parsed) return parsed.exit;
  if (parsed.positionals.length > 1) return usageError('Give at most one output folder.', USAGE).exit;
  const folder = parsed.positionals[0] ?? 'schema';
  for (const [file, schema] of Object.entries(schemaFiles())) {
    await writeFile(path.join(folder, file), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote ${path.join(folder, file)}`);
  }
  return 0;
}

await runCommand(import.meta.url, main);
