import { describe, expect, it } from 'vitest';
import { portfolioRecordKey } from '../../lib/portfolio/record.js';
import { handleS3Batch } from '../../service/batch.js';
import type { Logger, LogFields } from '../../service/logger.js';
import { NO_METRICS, type PipelineMetrics } from '../../service/metrics.js';
import type { Outcome, ReportTarget } from '../../service/report-store.js';
import { notification, sqsEvent as sqs } from '../helpers/pipeline.js';

/*
 * The batch loop alone: which messages are retried, which are dropped, what each object is given.
 * The object handler here records its calls; the handler tests run the real one against a local S3 server.
 */

const LAYOUT = { contractsPrefix: 'contracts/', reportsPrefix: 'reports/' };

function recordingLogger(lines: Array<{ level: string; message: string; fields: LogFields }>, base: LogFields = {}): Logger {
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields: { ...base, ...fields } });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (fields) => recordingLogger(lines, { ...base, ...fields }) };
}

const written = (target: ReportTarget): Outcome => ({
  outcome: 'written',
  reportKey: target.address.reportKey,
  status: 'ok',
  code: null,
  report: {} as never,
});

describe('handleS3Batch', () => {
  it('gives each object of a message its report address, worked out once', async () => {
    const targets: ReportTarget[] = [];
    const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
    const response = await handleS3Batch(
      sqs(notification('b', 'contracts/acme/Master+Supply+Agreement.pdf', '01')),
      LAYOUT,
      recordingLogger(lines),
      async (target) => {
        targets.push(target);
        return written(target);
      },
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(targets.map((target) => target.address)).toEqual([
      {
        contractKey: 'contracts/acme/Master Supply Agreement.pdf',
        name: 'acme/Master Supply Agreement.pdf',
        reportKey: 'reports/acme/Master Supply Agreement.pdf.json',
        portfolioRowKey: portfolioRecordKey('acme/Master Supply Agreement.pdf'),
      },
    ]);
    expect(lines.find((line) => line.message === 'report written')?.fields).toMatchObject({
      messageId: expect.stringMatching(/^m-0-/),
      key: 'contracts/acme/Master Supply Agreement.pdf',
      reportKey: 'reports/acme/Master Supply Agreement.pdf.json',
    });
  });

  it('skips objects outside the contracts prefix without calling the handler, and counts the skip', async () => {
    const skipped: string[] = [];
    const metrics: PipelineMetrics = { ...NO_METRICS, eventSkipped: (reason) => void skipped.push(reason) };
    let calls = 0;
    const response = await handleS3Batch(
      sqs(notification('b', 'reports/acme/msa.pdf.json', '01')),
      LAYOUT,
      recordingLogger([]),
      async (target) => {
        calls++;
        return written(target);
      },
      metrics,
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(calls).toBe(0);
    expect(skipped).toEqual(['outside-prefix']);
  });

  it('drops test events and malformed messages, and returns only the failing message for a retry', async () => {
    const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
    const response = await handleS3Batch(
      sqs(
        JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }),
        'not json',
        notification('b', 'contracts/fails.pdf', '01'),
        notification('b', 'contracts/works.pdf', '02'),
      ),
      LAYOUT,
      recordingLogger(lines),
      async (target) => {
        if (target.ref.key === 'contracts/fails.pdf') throw Object.assign(new Error('slow down'), { name: 'SlowDown' });
        return written(target);
      },
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: expect.stringMatching(/^m-2-/) }]);
    expect(lines.map((line) => line.message)).toEqual([
      'ignored message',
      'dropped a message that is not a notification this function handles',
      'transient failure, the message will be retried',
      'report written',
    ]);
  });
});
