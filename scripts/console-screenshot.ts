// Takes the README's picture of the web console: the local pipeline with the examples and a few
// test contracts analysed, the console at 1280 px in Debian's Chromium, saved as docs/images/console.png.
// Run: npx tsx scripts/console-screenshot.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { LOCAL_OWNER, startConsoleServer } from '../local/console-server.js';
import { LocalPipeline } from '../local/pipeline.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = path.join(ROOT, 'docs/images/console.png');

execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-screenshot-'));
const pipeline = new LocalPipeline({
  port: 0,
  directory: path.join(work, 's3'),
  bucket: 'clausewatch-local',
  isolation: 'inline',
  environment: { OCR: 'off' },
});
await pipeline.start();
try {
  for (const file of readdirSync(path.join(ROOT, 'examples')).sort())
    await pipeline.upload(`${pipeline.contractsPrefix}examples/${file}`, readFileSync(path.join(ROOT, 'examples', file)));
  const fixtures = path.join(ROOT, 'tests/fixtures/contracts');
  for (const [file, name] of [
    ['weak-fm.pdf', 'Brightwater – Kestrel supply.pdf'],
    ['rare-earth-magnets.txt', 'Magnet assemblies 2027.txt'],
    ['logistics-services.md', 'Logistics services.md'],
  ] as const)
    await pipeline.upload(`${pipeline.contractsPrefix}${LOCAL_OWNER}/${name}`, readFileSync(path.join(fixtures, file)));
  await pipeline.upload(`${pipeline.contractsPrefix}${LOCAL_OWNER}/Old scan (damaged).pdf`, '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R');
  await pipeline.idle();
  const server = await startConsoleServer({ port: 0, pipeline });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(server.url);
    await page.locator('#contract-rows tr').first().waitFor();
    await page.locator('#refresh-state', { hasText: 'Up to date' }).waitFor();
    mkdirSync(path.dirname(OUTPUT), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: true });
    console.log(`Saved ${path.relative(ROOT, OUTPUT)}`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await pipeline.stop();
  rmSync(work, { recursive: true, force: true });
}
