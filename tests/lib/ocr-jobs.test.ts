import { describe, expect, it } from 'vitest';
import { OcrJobRecord, ocrJobKey, ocrRequestToken, pagesForOcr, parseOcrCompletion } from '../../lib/ocr-jobs.js';

const ref = { bucket: 'b', key: 'contracts/a.pdf', versionId: 'v1', sequencer: '0A', eTag: '"e"' };

describe('OCR job records and completion notices', () => {
  it('gives one idempotency token per upload event, in the characters the service accepts', () => {
    const token = ocrRequestToken(ref);
    expect(token).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(ocrRequestToken({ ...ref })).toBe(token);
    expect(ocrRequestToken({ ...ref, sequencer: '0B' })).not.toBe(token);
    expect(ocrRequestToken({ ...ref, versionId: null })).not.toBe(token);
    // Field boundaries count: "ab" + "c" is not "a" + "bc".
    expect(ocrRequestToken({ ...ref, bucket: 'ab', key: 'c' })).not.toBe(ocrRequestToken({ ...ref, bucket: 'a', key: 'bc' }));
  });

  it('keeps a record per job under the prefix, its id encoded', () => {
    expect(ocrJobKey('ocr-jobs/', 'abc-123')).toBe('ocr-jobs/abc-123.json');
    expect(ocrJobKey('ocr-jobs/', '../x')).toBe('ocr-jobs/..%2Fx.json');
    expect(() =>
      OcrJobRecord.parse({ jobId: 'j', object: { ...ref, size: 1, eventName: 'ObjectCreated:Put' }, pages: [0], startedAt: '2026-12-04T00:00:00Z' }),
    ).toThrow();
  });

  it('reads a completion notice, and says why anything else is not one', () => {
    const notice = {
      JobId: 'j1',
      Status: 'SUCCEEDED',
      API: 'StartDocumentTextDetection',
      Timestamp: 1,
      DocumentLocation: { S3ObjectName: 'contracts/a.pdf', S3Bucket: 'b' },
    };
    expect(parseOcrCompletion(JSON.stringify(notice))).toEqual({ kind: 'completion', jobId: 'j1', succeeded: true, status: 'SUCCEEDED', bucket: 'b' });
    expect(parseOcrCompletion(JSON.stringify({ ...notice, Status: 'ERROR' }))).toMatchObject({ succeeded: false, status: 'ERROR' });
    expect(parseOcrCompletion(JSON.stringify({ ...notice, Status: 'IN_PROGRESS' }))).toEqual({
      kind: 'invalid',
      reason: expect.stringMatching(/completion notice/),
    });
    expect(parseOcrCompletion('{')).toEqual({ kind: 'invalid', reason: 'the message body is not JSON' });
  });

  it('asks for OCR only for the textless pages of a PDF that was read, or found to be a scan', () => {
    const document = { detectedType: 'pdf', pagesWithoutText: [2, 3] };
    expect(pagesForOcr({ status: 'ok', error: null, document })).toEqual([2, 3]);
    expect(pagesForOcr({ status: 'error', error: { code: 'no_text_layer' }, document })).toEqual([2, 3]);
    expect(pagesForOcr({ status: 'error', error: { code: 'encrypted' }, document })).toEqual([]);
    expect(pagesForOcr({ status: 'ok', error: null, document: { detectedType: 'docx', pagesWithoutText: [1] } })).toEqual([]);
    expect(pagesForOcr({ status: 'ok', error: null, document: { detectedType: 'pdf', pagesWithoutText: [] } })).toEqual([]);
  });
});
