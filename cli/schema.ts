#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { reportJsonSchema } from '../lib/report/schema.js';
import { isMain } from './main.js';

/** Writes the report's JSON Schema (generated from the zod schema) to schema/report.schema.json or the given path. */
export async function main(argv: string[]): Promise<number> {
  const target = argv[0] ?? 'schema/report.schema.json';
  await writeFile(target, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${target}`);
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
