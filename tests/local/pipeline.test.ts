import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeS3Key } from '../../lib/s3-events.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { etagOf, notification, readReport, startPipeline } from '../helpers/pipeline.js';

describe('local pipeline: upload → event → handler → report', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline());
  });
  afterAll(async () => dispose());

  it('writes the right report for a PDF, a DOCX and a text contract, keys with spaces and unicode included', async () => {
    const uploads = {
      'contracts/acme corp/Halvorsen supply (signed).pdf': 'strong-fm.pdf',
      'contracts/nordic/Norrland–Castellan ÅÄÖ.docx': 'split-fm.docx',
      'contracts/weak terms.txt': 'weak-fm.txt',
    };
    for (const [key, fixture] of Object.entries(uploads)) await pipeline.upload(key, fixtureBytes(fixture));
    await pipeline.idle();

    const pdf = await readReport(pipeline, 'reports/acme corp/Halvorsen supply (signed).pdf.json');
    expect(pdf?.status).toBe('ok');
    expect(pdf?.document.name).toBe('acme corp/Halvorsen supply (signed).pdf');
    expect(pdf?.document.pages).toBe(4);
    expect(pdf?.summary.verdicts).toEqual({ 'force-majeure': 'adequate', 'export-control': 'adequate' });
    expect(pdf?.source?.key).toBe('contracts/acme corp/Halvorsen supply (signed).pdf');
    expect(pdf?.source?.sequencer).toMatch(/^[0-9A-F]+$/);

    const docx = await readReport(pipeline, 'reports/nordic/Norrland–Castellan ÅÄÖ.docx.json');
    expect(docx?.document.detectedType).toBe('docx');
    expect(docx?.findings.find((finding) => finding.clauseType === 'force-majeure')?.parts.map((part) => part.role)).toContain('definition');

    const text = await readReport(pipeline, 'reports/weak terms.txt.json');
    expect(text?.summary.verdicts['force-majeure']).toBe('weak');
  });

  it('writes one report when the same event is delivered twice', async () => {
    const key = 'contracts/twice.txt';
    await pipeline.upload(key, fixtureBytes('one-line-ec.txt'));
    await pipeline.idle();
    const first = await readReport(pipeline, 'reports/twice.txt.json');
    const etag = await etagOf(pipeline, 'reports/twice.txt.json');
    // The same S3 event again, in a new SQS message (at-least-once delivery).
    pipeline.enqueue(notification(pipeline.bucket, encodeS3Key(key), first!.source!.sequencer!));
    await pipeline.idle();
    expect(await etagOf(pipeline, 'reports/twice.txt.json')).toBe(etag);
    expect((await readReport(pipeline, 'reports/twice.txt.json'))?.analyzedAt).toBe(first?.analyzedAt);
  });

  it('gives a corrupt file an error report without retries', async () => {
    const before = { ...pipeline.stats };
    await pipeline.upload('contracts/broken.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R');
    await pipeline.idle();
    const report = await readReport(pipeline, 'reports/broken.pdf.json');
    expect(report?.status).toBe('error');
    expect(report?.error?.code).toBe('corrupt');
    expect(report?.findings).toEqual([]);
    expect(pipeline.stats.redeliveries).toBe(before.redeliveries);
    expect(pipeline.stats.deadLettered).toBe(before.deadLettered);
  });

  it('never reacts to its own reports', async () => {
    const messages = pipeline.stats.messages;
    await pipeline.upload('reports/hand-made.json', '{}');
    await pipeline.idle();
    expect(pipeline.stats.messages).toBe(messages);
  });
});

describe('local pipeline: mirror folder', () => {
  it('mirrors reports, review pages and fix packs to a plain folder, and drops a fix pack the bucket no longer has', async () => {
    const { pipeline, work, dispose } = await startPipeline((dir) => ({ mirrorDirectory: path.join(dir, 'mirror') }));
    try {
      await pipeline.upload('contracts/a/b.txt', fixtureBytes('weak-fm.txt'));
      await pipeline.idle();
      const report = JSON.parse(readFileSync(path.join(work, 'mirror', 'a', 'b.txt.json'), 'utf8'));
      expect(report.document.name).toBe('a/b.txt');
      expect(readFileSync(path.join(work, 'mirror', 'a', 'b.txt.html'), 'utf8')).toContain('<h1>a/b.txt</h1>');
      const fixPack = path.join(work, 'mirror', 'a', 'b.txt.fixes.docx');
      expect(readFileSync(fixPack).subarray(0, 2).toString()).toBe('PK');

      await pipeline.upload('contracts/a/b.txt', fixtureBytes('strong-fm.txt'));
      await pipeline.idle();
      expect(JSON.parse(readFileSync(path.join(work, 'mirror', 'a', 'b.txt.json'), 'utf8')).summary.verdicts['force-majeure']).toBe('adequate');
      expect(existsSync(fixPack)).toBe(false);
    } finally {
      await dispose();
    }
  });
});
