#!/usr/bin/env node
// Generates the binary contract fixtures (PDF, DOCX) from the plain-text sources in
// tests/fixtures/contracts/, writes demo copies to examples/, and checks that
// tests/fixtures/contracts/labels.json is consistent with the fixture texts.
//
//   npx tsx scripts/make-fixtures.mjs           generate + check
//   npx tsx scripts/make-fixtures.mjs --check   check only (no files written)
//
// Output is deterministic: fixed PDF metadata dates, fixed zip entry dates, no random ids.
// (tsx runs it because the noise generator is the project's own, in lib/random.ts.)

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkExpected } from './fixtures/check-labels.mjs';
import { EXAMPLES, FIXTURES, ROOT } from './fixtures/common.mjs';
import { renderDocx } from './fixtures/docx.mjs';
import { renderScannedPdf } from './fixtures/noise-scan.mjs';
import { renderContractPdf } from './fixtures/text-pdf.mjs';

const CHECK_ONLY = process.argv.includes('--check');

// ---------------------------------------------------------------------------

const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 12);

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path.slice(ROOT.length + 1)} (${bytes.length} bytes, sha256 ${sha(bytes)})`);
}

async function main() {
  if (!CHECK_ONLY) {
    const read = (f) => readFileSync(join(FIXTURES, f), 'utf8');

    const strong = await renderContractPdf(read('strong-fm.txt'), {
      title: 'Supply Agreement - Halvorsen Magnetics AS and Brightwater Components Ltd',
      header: 'Supply Agreement \u2013 Halvorsen Magnetics / Brightwater Components',
      confidentiality: 'CONFIDENTIAL \u2013 Commercial in confidence. Not to be disclosed to third parties without consent.',
      newPageBefore: ['1. DEFINITIONS', 'SCHEDULE 1'],
      bodySize: 10,
    });
    if (strong.pageCount < 3) throw new Error(`strong-fm.pdf has only ${strong.pageCount} pages`);
    if (!strong.hyphenations.length) throw new Error('strong-fm.pdf: no word was hyphenated');
    console.log(`strong-fm.pdf: ${strong.pageCount} pages; hyphenated: ${strong.hyphenations.map(([a, b]) => `${a}/${b}`).join(', ')}`);
    write(join(FIXTURES, 'strong-fm.pdf'), strong.bytes);
    write(join(EXAMPLES, 'halvorsen-supply-agreement.pdf'), strong.bytes);

    const weak = await renderContractPdf(read('weak-fm.txt'), {
      title: 'Marlow Fasteners Inc. - General Terms and Conditions of Sale',
      header: 'Marlow Fasteners Inc. \u2013 General Terms and Conditions of Sale (Rev. 2024-01)',
      confidentiality: 'Marlow Fasteners Inc., 2200 Kettering Boulevard, Dayton, Ohio. Terms subject to change.',
      bodySize: 10,
    });
    console.log(`weak-fm.pdf: ${weak.pageCount} page(s)`);
    write(join(FIXTURES, 'weak-fm.pdf'), weak.bytes);

    const docx = await renderDocx(read('split-fm.txt'), {
      title: 'Component Supply Agreement - Norrland Sensorik / Castellan Automotive Systems',
    });
    write(join(FIXTURES, 'split-fm.docx'), docx);
    write(join(EXAMPLES, 'norrland-castellan-component-supply.docx'), docx);

    write(join(FIXTURES, 'scanned.pdf'), await renderScannedPdf());

    write(join(EXAMPLES, 'tessaro-packaging-supply-agreement.txt'), Buffer.from(read('one-line-ec.txt')));
  }

  const { errors, count } = checkExpected();
  if (errors.length) {
    console.error(`labels.json: ${errors.length} problem(s)`);
    for (const e of errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  console.log(`labels.json: ${count} records OK (all quotes found verbatim)`);
}

await main();
