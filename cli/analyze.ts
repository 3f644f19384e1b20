#!/usr/bin/env node
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { analyzeDocument } from '../lib/analyze.js';
import { isClausewatchError } from '../lib/errors.js';
import type { Report } from '../lib/report/schema.js';
import { collectInputs, reportPath } from './inputs.js';
import { loadLibrary } from './library.js';
import { isMain } from './main.js';
import { summaryTable } from './summary.js';

const USAGE = `Usage: npm run analyze -- <files or folders...> --out <dir> [--library <file>] [--quiet]

Analyzes contracts (PDF, DOCX, text, Markdown) and writes one JSON report per file to <dir>,
keeping the folder structure of each folder given. Exit status: 0 all reports ok, 1 some error
reports, 2 usage error.`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        library: { type: 'string', short: 'l' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0 || !values.out) {
    console.error(`${positionals.length === 0 ? 'No input files or folders given.' : 'Missing --out <dir>.'}\n\n${USAGE}`);
    return 2;
  }
  let library;
  try {
    library = await loadLibrary(values.library);
  } catch (error) {
    console.error(isClausewatchError(error) ? `${error.code}: ${error.message}` : String(error));
    return 2;
  }
  const inputs = await collectInputs(positionals);
  if (inputs.missing.length > 0) {
    console.error(`Not found: ${inputs.missing.join(', ')}`);
    return 2;
  }
  if (inputs.skipped.length > 0 && !values.quiet) {
    console.error(`Skipped ${inputs.skipped.length} file(s) that are not .pdf, .docx, .txt or .md:\n  ${inputs.skipped.join('\n  ')}`);
  }
  const progress =
    process.stderr.isTTY && inputs.files.length > 1 && !values.quiet
      ? new cliProgress.SingleBar({ format: 'analyzing [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : null;
  progress?.start(inputs.files.length, 0, { file: '' });
  const results: Array<{ name: string; report: Report }> = [];
  for (const input of inputs.files) {
    progress?.update({ file: input.relative });
    const bytes = await readFile(input.path);
    const { report } = await analyzeDocument(bytes, { name: input.relative, library: library.library, librarySource: library.source });
    const target = reportPath(values.out, input);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
    results.push({ name: input.relative, report });
    progress?.increment();
  }
  progress?.stop();
  if (!values.quiet) {
    console.log(summaryTable(results));
    const errors = results.filter(({ report }) => report.status === 'error').length;
    console.log(`\n${results.length} report(s) written to ${values.out}${errors > 0 ? `, ${errors} with errors` : ''}.`);
  }
  return results.some(({ report }) => report.status === 'error') ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
