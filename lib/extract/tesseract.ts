import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrEngine } from './ocr.js';

/*
 * The local OCR engine: tesseract.js (Tesseract compiled to WebAssembly) with the English LSTM
 * model from the @tesseract.js-data/eng package, read from node_modules: nothing is downloaded at
 * run time. One engine serves one document and is closed after it, so no thread outlives the
 * analysis and a stopped analysis takes the engine with it.
 */

/** The integer-quantised "best" English model: as accurate as the standard one here, a quarter of its size. */
const MODEL_DIRECTORY = '4.0.0_best_int';
/** Tesseract's LSTM engine only (`OEM.LSTM_ONLY`): the model above holds no legacy data. */
const LSTM_ONLY = 1;

export async function startTesseract(): Promise<OcrEngine> {
  const { createWorker } = (await import('tesseract.js')).default;
  const require = createRequire(import.meta.url);
  const english = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  const worker = await createWorker('eng', LSTM_ONLY, {
    langPath: path.join(english, MODEL_DIRECTORY),
    gzip: true,
    cacheMethod: 'none',
    logger: () => {},
    errorHandler: () => {},
  });
  return {
    name: 'tesseract',
    async recognize(png) {
      const { data } = await worker.recognize(Buffer.from(png));
      return { text: data.text, confidence: data.confidence };
    },
    async close() {
      await worker.terminate();
    },
  };
}
