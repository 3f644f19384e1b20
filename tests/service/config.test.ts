import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR } from '../../lib/extract/ocr.js';
import { loadConfig, metricsEnabled, ocrSettings } from '../../service/config.js';

describe('handler configuration', () => {
  it('fills the defaults of an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ CONTRACTS_PREFIX: 'contracts/', REPORTS_PREFIX: 'reports/', OCR: 'off', ANALYZER_ISOLATION: 'worker', LOG_LEVEL: 'info' });
  });

  it('turns OCR on with its page budget only when asked', () => {
    expect(ocrSettings(loadConfig({}))).toBeNull();
    expect(ocrSettings(loadConfig({ OCR: 'tesseract' }))).toEqual(DEFAULT_OCR);
    expect(ocrSettings(loadConfig({ OCR: 'tesseract', OCR_MAX_PAGES: '12' }))).toEqual({ ...DEFAULT_OCR, maxPages: 12 });
    expect(() => loadConfig({ OCR: 'textract-please' })).toThrow(/OCR/);
  });

  it('reads scans with Amazon Textract only with the topic and role it announces on, and outside the analysis', () => {
    expect(() => loadConfig({ OCR: 'textract' })).toThrow(/TEXTRACT_TOPIC_ARN and TEXTRACT_ROLE_ARN/);
    const config = loadConfig({ OCR: 'textract', TEXTRACT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:t', TEXTRACT_ROLE_ARN: 'arn:aws:iam::1:role/r' });
    expect(config.OCR_JOBS_PREFIX).toBe('ocr-jobs/');
    // The analysis itself reads no page by OCR: the job's text comes afterwards.
    expect(ocrSettings(config)).toBeNull();
    expect(() => loadConfig({ OCR_JOBS_PREFIX: 'jobs' })).toThrow(/OCR_JOBS_PREFIX/);
  });

  it('sends metrics in Lambda unless turned off, and elsewhere only when turned on', () => {
    expect(metricsEnabled(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'analyze' }))).toBe(true);
    expect(metricsEnabled(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'analyze', METRICS: 'off' }))).toBe(false);
    expect(metricsEnabled(loadConfig({}))).toBe(false);
    expect(metricsEnabled(loadConfig({ METRICS: 'on' }))).toBe(true);
  });
});
