import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR, imageReader, type OcrEngine, ocrPages, pagesNeedingOcr, recognizedReader } from '../../../lib/extract/ocr.js';

/*
 * Which pages are OCR'd, within what budget, and what counts as read. The engine here is a
 * stand-in that returns set texts; tests/lib/extract/scans.test.ts runs the real one on real scans.
 */

const READABLE = 'Neither party shall be liable for any delay caused by events beyond its reasonable control.';

function engine(pages: Record<number, { text: string; confidence: number }>) {
  const calls = { started: 0, recognized: [] as number[], closed: 0 };
  let next = 0;
  const order: number[] = [];
  const start = async (): Promise<OcrEngine> => {
    calls.started++;
    return {
      name: 'stand-in',
      async recognize(png) {
        const page = order[next++]!;
        calls.recognized.push(page);
        expect(png).toEqual(new Uint8Array([page]));
        const result = pages[page];
        if (!result) throw new Error(`engine failed on page ${page}`);
        return result;
      },
      async close() {
        calls.closed++;
      },
    };
  };
  const render = async (page: number) => {
    order.push(page);
    return new Uint8Array([page]);
  };
  return { start, render, calls };
}

describe('pagesNeedingOcr', () => {
  it('names the pages whose text layer holds fewer than 25 visible characters', () => {
    expect(pagesNeedingOcr([READABLE, '', '  \n 12 \n', 'x'.repeat(24), 'x'.repeat(25)])).toEqual([2, 3, 4]);
  });
});

describe('ocrPages', () => {
  it('reads only the pages without text, and keeps the text layer of the others', async () => {
    const { start, render, calls } = engine({ 2: { text: READABLE, confidence: 91.4 } });
    const result = await ocrPages([READABLE, '', READABLE], [2], imageReader(render, start), DEFAULT_OCR);
    expect(result.pages).toEqual([READABLE, READABLE, READABLE]);
    expect(result.ocr).toEqual([{ page: 2, confidence: 91, read: true }]);
    expect(result.engine).toBe('stand-in');
    expect(calls).toMatchObject({ started: 1, recognized: [2], closed: 1 });
  });

  it('leaves a page unread when OCR finds no text or reads it below the confidence floor', async () => {
    const { start, render } = engine({ 1: { text: ' \n', confidence: 0 }, 2: { text: READABLE, confidence: DEFAULT_OCR.minConfidence - 1 } });
    const result = await ocrPages(['', ''], [1, 2], imageReader(render, start), DEFAULT_OCR);
    expect(result.pages).toEqual(['', '']);
    expect(result.ocr.map((page) => page.read)).toEqual([false, false]);
  });

  it('refuses more pages than the budget before starting the engine', async () => {
    const { start, render, calls } = engine({});
    await expect(ocrPages(['', '', ''], [1, 2, 3], imageReader(render, start), { ...DEFAULT_OCR, maxPages: 2 })).rejects.toMatchObject({
      code: 'too_many_pages',
      message: expect.stringMatching(/3 pages .* OCR limit of 2 pages/),
    });
    expect(calls.started).toBe(0);
  });

  it('never starts the engine for a document with text on every page', async () => {
    const { start, render, calls } = engine({});
    expect((await ocrPages([READABLE], [], imageReader(render, start), DEFAULT_OCR)).ocr).toEqual([]);
    expect(calls.started).toBe(0);
  });

  it('closes the engine when recognition fails', async () => {
    const { start, render, calls } = engine({});
    await expect(ocrPages([''], [1], imageReader(render, start), DEFAULT_OCR)).rejects.toThrow(/engine failed on page 1/);
    expect(calls.closed).toBe(1);
  });

  it('takes the pages an OCR service has already read, a page it did not return reading as blank', async () => {
    const recognized = new Map([[1, { text: READABLE, confidence: 97.6 }]]);
    const result = await ocrPages(['', '', READABLE], [1, 2], recognizedReader('textract', recognized), DEFAULT_OCR);
    expect(result.pages).toEqual([READABLE, '', READABLE]);
    expect(result.ocr).toEqual([
      { page: 1, confidence: 98, read: true },
      { page: 2, confidence: 0, read: false },
    ]);
    expect(result.engine).toBe('textract');
  });
});
