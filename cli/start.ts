#!/usr/bin/env node
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { reportKey } from '../lib/s3-events.js';
import { Report } from '../lib/report/schema.js';
import { LOCAL_OWNER, startConsoleServer } from '../local/console-server.js';
import { LocalPipeline } from '../local/pipeline.js';
import { parseCommandLine } from './args.js';
import { runCommand } from './main.js';
import { summaryTable } from './summary.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

const USAGE = `Usage: npm start -- [--port <n>] [--console-port <n>] [--data <dir>] [--out <dir>] [--bucket <name>] [--once] [--no-ocr]

Runs the clausewatch pipeline locally: an S3-compatible server on 127.0.0.1, the same handlers
that run in AWS Lambda, reports under reports/ (mirrored to --out), and the example contracts
uploaded under contracts/examples/. Stays up until Ctrl-C; --once waits for the example reports,
prints the summary and exits (0 only when every example has its report). Scanned PDF pages are
read by OCR (tesseract.js) unless --no-ocr is given. The web console (upload contracts, watch their
analysis, open review pages) is served on http://127.0.0.1:<console port>/ (default 4570; 0 picks a
free port).`;

/** Why a name is not a valid S3 bucket name (3–63 characters: lower-case letters, digits, dots, hyphens; a letter or digit at each end), or null. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return 'may hold only lower-case letters, digits, dots and hyphens, and must start and end with a letter or digit';
  if (/\.\.|^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not hold two dots in a row or look like an IP address';
  return null;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      port: { type: 'string', default: '4569' },
      'console-port': { type: 'string', default: '4570' },
      data: { type: 'string', default: '.local-s3' },
      out: { type: 'string', default: 'local-reports' },
      bucket: { type: 'string', default: 'clausewatch-local' },
      once: { type: 'boolean', default: false },
      'no-ocr': { type: 'boolean', default: false },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a port number, not "${values.port}".`);
    return 2;
  }
  const consolePort = Number(values['console-port']);
  if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65_535) {
    console.error(`--console-port must be a port number, not "${values['console-port']}".`);
    return 2;
  }
  const bucketProblem = bucketNameProblem(values.bucket);
  if (bucketProblem) {
    console.error(`--bucket "${values.bucket}" ${bucketProblem}.`);
    return 2;
  }
  const pipeline = new LocalPipeline({
    port,
    directory: values.data,
    bucket: values.bucket,
    mirrorDirectory: values.out,
    environment: { OCR: values['no-ocr'] ? 'off' : 'tesseract' },
  });
  await pipeline.start();
  console.log(`S3-compatible server on ${pipeline.endpoint}, bucket "${values.bucket}" (data in ${values.data}/).`);
  const consoleServer = values.once
    ? null
    : await startConsoleServer({ port: consolePort, pipeline }).catch(async (error: unknown) => {
        await pipeline.stop();
        throw error;
      });

  const examples = (await readdir(EXAMPLES)).filter((file) => !file.startsWith('.')).sort();
  const keys = examples.map((file) => `${pipeline.contractsPrefix}examples/${file}`);
  for (const [index, file] of examples.entries()) await pipeline.upload(keys[index]!, await readFile(path.join(EXAMPLES, file)));
  await pipeline.idle();

  const entries: Array<{ name: string; report: Report }> = [];
  const missing: string[] = [];
  for (const key of keys) {
    const stored = await pipeline.s3
      .send(new GetObjectCommand({ Bucket: values.bucket, Key: reportKey(key)! }))
      .then(async (output) => Report.parse(JSON.parse(await output.Body!.transformToString())))
      .catch(() => null);
    if (stored) entries.push({ name: key.slice(pipeline.contractsPrefix.length), report: stored });
    else missing.push(key);
  }
  console.log(`\n${summaryTable(entries)}\n`);
  console.log(`Reports: s3://${values.bucket}/${pipeline.reportsPrefix} and, to open directly, ${path.resolve(values.out)}/`);
  if (missing.length > 0) console.error(`No report for: ${missing.join(', ')}`);

  if (values.once) {
    await pipeline.stop();
    return missing.length === 0 ? 0 : 1;
  }
  console.log(`
Web console: ${consoleServer!.url}  (open it in a browser and drag contracts in)

Or drop your own contracts in with any S3 client (credentials S3RVER / S3RVER; the console lists contracts/${LOCAL_OWNER}/ and contracts/examples/):
  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws s3 cp msa.pdf s3://${values.bucket}/contracts/${LOCAL_OWNER}/ --endpoint-url ${pipeline.endpoint}
Reports appear in ${values.out}/. Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await consoleServer!.close();
  await pipeline.stop();
  return 0;
}

await runCommand(import.meta.url, main);
