import { z } from 'zod';
import { ClausewatchError } from '../errors.js';
import type { RecognizedPage } from './ocr.js';

/*
 * The pages Amazon Textract read in an asynchronous text-detection job
 * (GetDocumentTextDetection), as the analysis reads them: each page's lines in Textract's reading
 * order and the mean confidence of its words. Only the fields used are checked; a response is
 * otherwise passed through as AWS returns it.
 */

const Block = z.looseObject({
  BlockType: z.string(),
  /** 1-based; absent for single-page documents. */
  Page: z.number().int().positive().optional(),
  Text: z.string().optional(),
  Confidence: z.number().min(0).max(100).optional(),
});

export const TextDetectionResponse = z.looseObject({
  JobStatus: z.enum(['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'PARTIAL_SUCCESS']).optional(),
  StatusMessage: z.string().optional(),
  NextToken: z.string().optional(),
  Blocks: z.array(Block).default([]),
});
export type TextDetectionResponse = z.infer<typeof TextDetectionResponse>;

/**
 * Every page of a finished job from its result pages (all NextToken pages, in order). A failed
 * job is an `ocr_failed` error with the service's message; a job still running is a caller's error.
 */
export function textractPages(responses: readonly unknown[]): Map<number, RecognizedPage> {
  const lines = new Map<number, string[]>();
  const words = new Map<number, number[]>();
  for (const raw of responses) {
    const parsed = TextDetectionResponse.safeParse(raw);
    if (!parsed.success) throw new ClausewatchError('ocr_failed', 'The OCR service returned a result clausewatch cannot read.', { cause: parsed.error });
    const response = parsed.data;
    if (response.JobStatus === 'FAILED') {
      throw new ClausewatchError(
        'ocr_failed',
        `OCR of the scanned pages failed: ${response.StatusMessage ?? 'the OCR service gave no reason'}. Upload the file again.`,
      );
    }
    if (response.JobStatus === 'IN_PROGRESS') throw new Error('the text-detection job is still running');
    for (const block of response.Blocks) {
      const page = block.Page ?? 1;
      if (block.BlockType === 'LINE' && block.Text) lines.set(page, [...(lines.get(page) ?? []), block.Text]);
      if (block.BlockType === 'WORD' && block.Confidence !== undefined) words.set(page, [...(words.get(page) ?? []), block.Confidence]);
    }
  }
  const pages = new Map<number, RecognizedPage>();
  for (const [page, text] of lines) {
    const confidences = words.get(page) ?? [];
    const confidence = confidences.length > 0 ? confidences.reduce((sum, value) => sum + value, 0) / confidences.length : 0;
    pages.set(page, { text: text.join('\n'), confidence });
  }
  return pages;
}
