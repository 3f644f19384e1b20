import { afterEach, describe, expect, it, vi } from 'vitest';
import { rejectionReport } from '../../lib/analyze.js';
import { ClausewatchError } from '../../lib/errors.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import { loadConfig, metricsEnabled } from '../../service/config.js';
import { createPipelineMetrics, METRICS_NAMESPACE } from '../../service/metrics.js';
import { analyzeFixture, FIXED_NOW } from '../helpers/fixtures.js';

interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

/** The EMF lines Powertools writes to stdout while `run` runs. */
async function emitted(run: () => void | Promise<void>): Promise<EmfLine[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

const named = (lines: EmfLine[], name: string) => lines.filter((line) => line._aws.CloudWatchMetrics[0]!.Metrics.some((metric) => metric.Name === name));

afterEach(() => vi.restoreAllMocks());

describe('pipeline metrics', () => {
  it('sends reports, error reports by code, verdicts by clause type, pages and time, in the ClauseWatch namespace, without contract text', async () => {
    const { report } = await analyzeFixture('rare-earth-magnets.txt');
    const error = rejectionReport({ name: 'scan.pdf', bytes: 10 }, new ClausewatchError('no_text_layer', 'no text'), {
      library: loadDefaultLibrary(),
      now: FIXED_NOW,
    });
    const lines = await emitted(() => {
      const metrics = createPipelineMetrics('clausewatch-analyze');
      metrics.reportWritten(report);
      metrics.reportWritten(error);
      metrics.eventSkipped('duplicate-event');
      metrics.messageFailed(true);
      metrics.publish();
    });
    expect(lines.every((line) => line._aws.CloudWatchMetrics[0]!.Namespace === METRICS_NAMESPACE)).toBe(true);

    const [batch] = named(lines, 'ReportsWritten');
    expect(batch).toMatchObject({ ReportsWritten: [1, 1], DocumentsAnalyzed: 1, ErrorReports: 1, TransientFailures: 1, service: 'clausewatch-analyze' });
    expect(batch!.AnalysisDuration).toBe(report.timings.totalMs);

    const byCode = named(lines, 'ErrorReportsByCode');
    expect(byCode).toHaveLength(1);
    expect(byCode[0]).toMatchObject({ ErrorCode: 'no_text_layer', ErrorReportsByCode: 1 });

    const verdicts = named(lines, 'Verdicts').map((line) => `${line.ClauseType}:${line.Verdict}`);
    expect(verdicts.sort()).toEqual(report.findings.map((finding) => `${finding.clauseType}:${finding.verdict}`).sort());
    expect(named(lines, 'EventsSkipped')[0]).toMatchObject({ Reason: 'duplicate-event' });

    // Figures and codes only: no quote, excerpt or file name of the contract.
    const all = JSON.stringify(lines);
    for (const finding of report.findings) if (finding.excerpt) expect(all).not.toContain(finding.excerpt.slice(0, 40));
    expect(all).not.toContain(report.document.name);
  });

  it('sends nothing for an invocation that recorded nothing', async () => {
    expect(await emitted(() => createPipelineMetrics('clausewatch-analyze').publish())).toEqual([]);
  });

  it('is on in Lambda by default and off elsewhere unless asked', () => {
    expect(metricsEnabled(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'ClauseWatch-Analyze' }))).toBe(true);
    expect(metricsEnabled(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'ClauseWatch-Analyze', METRICS: 'off' }))).toBe(false);
    expect(metricsEnabled(loadConfig({}))).toBe(false);
    expect(metricsEnabled(loadConfig({ METRICS: 'on' }))).toBe(true);
    expect(() => loadConfig({ METRICS: 'yes' })).toThrow(/METRICS/);
  });
});
