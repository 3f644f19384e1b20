import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPipelineMetrics, METRICS_NAMESPACE } from '../../service/metrics.js';

/** The EMF lines Powertools writes to stdout while `run` runs. */
function emitted(run: () => void): Array<Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> } }> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));
}

afterEach(() => vi.restoreAllMocks());

describe('rescan metrics', () => {
  it('sends each rescan outcome by its Outcome dimension and the verdicts moved, nothing about the contract', () => {
    const metrics = createPipelineMetrics('clausewatch-analyze');
    const lines = emitted(() => {
      metrics.rescanOutcome('reanalyzed', 2);
      metrics.rescanOutcome('skipped-current', 0);
      metrics.publish();
    });
    const outcomes = lines.filter((line) => 'RescanOutcomes' in line);
    expect(outcomes.map((line) => [line.Outcome, line.RescanOutcomes])).toEqual([
      ['reanalyzed', 1],
      ['skipped-current', 1],
    ]);
    for (const line of outcomes) expect(line._aws.CloudWatchMetrics[0]!.Dimensions[0]).toContain('Outcome');
    expect(lines.find((line) => 'RescanVerdictsMoved' in line)?.RescanVerdictsMoved).toBe(2);
    expect(lines.every((line) => line._aws.CloudWatchMetrics[0]!.Namespace === METRICS_NAMESPACE)).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/contracts\//);
  });
});
