import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Report } from '../lib/report/schema.js';
import type { RescanOutcomeName } from '../lib/rescan-message.js';

/*
 * What an operator watches in CloudWatch, as embedded metric format (EMF) lines written by
 * Powertools for AWS Lambda: reports written, error reports by code, verdicts by clause type,
 * pages read, analysis time, skipped events and failed messages. Figures and codes only, never
 * contract text. Dimensions stay few and bounded (an error code, a clause type and a verdict).
 */

export const METRICS_NAMESPACE = 'ClauseWatch';

export type SkipReason = 'outside-prefix' | 'older-event' | 'duplicate-event' | 'object-missing' | 'ocr-job-unknown';

export interface PipelineMetrics {
  /** A report was written: an analysis or an error report. */
  reportWritten(report: Report): void;
  eventSkipped(reason: SkipReason): void;
  /** An OCR job was started; the upload's report follows when it finishes. */
  ocrJobStarted(): void;
  /** A rescan message was handled: its outcome (skipped-current, reanalyzed, error, …) and how many verdicts moved. */
  rescanOutcome(outcome: RescanOutcomeName, verdictsMoved: number): void;
  /** A message failed and goes back to the queue (transient) or towards the dead-letter queue. */
  messageFailed(transient: boolean): void;
  /** Sends what the batch recorded; called once at the end of every invocation. */
  publish(): void;
}

/** Metrics that record nothing: the local pipeline and the CLI, where nobody reads CloudWatch. */
export const NO_METRICS: PipelineMetrics = {
  reportWritten: () => {},
  eventSkipped: () => {},
  ocrJobStarted: () => {},
  rescanOutcome: () => {},
  messageFailed: () => {},
  publish: () => {},
};

export function createPipelineMetrics(serviceName: string): PipelineMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  // A dimension set of its own is a metric of its own: sent at once, apart from the batch's totals.
  const single = (dimensions: Record<string, string>, name: string, value = 1) => {
    const metric = metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) metric.addDimension(key, dimension);
    metric.addMetric(name, MetricUnit.Count, value);
  };
  // Only metrics stored for the batch are published at its end (single metrics have gone already).
  let stored = false;
  const add = (name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number) => {
    stored = true;
    metrics.addMetric(name, unit, value);
  };
  return {
    reportWritten(report) {
      add('ReportsWritten', MetricUnit.Count, 1);
      if (report.status === 'error') {
        add('ErrorReports', MetricUnit.Count, 1);
        single({ ErrorCode: report.error?.code ?? 'unknown' }, 'ErrorReportsByCode');
        return;
      }
      add('DocumentsAnalyzed', MetricUnit.Count, 1);
      add('AnalysisDuration', MetricUnit.Milliseconds, report.timings.totalMs);
      if (report.document.pages !== null) add('PagesRead', MetricUnit.Count, report.document.pages);
      if (report.findings.some((finding) => finding.review.needed)) add('ReportsForReview', MetricUnit.Count, 1);
      for (const finding of report.findings) single({ ClauseType: finding.clauseType, Verdict: finding.verdict }, 'Verdicts');
    },
    eventSkipped(reason) {
      single({ Reason: reason }, 'EventsSkipped');
    },
    ocrJobStarted() {
      add('OcrJobsStarted', MetricUnit.Count, 1);
    },
    rescanOutcome(outcome, verdictsMoved) {
      single({ Outcome: outcome }, 'RescanOutcomes');
      if (verdictsMoved > 0) add('RescanVerdictsMoved', MetricUnit.Count, verdictsMoved);
    },
    messageFailed(transient) {
      add(transient ? 'TransientFailures' : 'Failures', MetricUnit.Count, 1);
    },
    publish() {
      // An invocation that stored nothing (a test event) sends nothing rather than an empty line.
      if (stored) metrics.publishStoredMetrics();
      stored = false;
    },
  };
}
