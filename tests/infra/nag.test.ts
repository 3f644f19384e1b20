/**
 * cdk-nag v3 runs as a CDK validation plugin: its findings are returned in a validation report
 * (and make `app.synth()` throw), they are not construct annotations. So the checks here use the
 * report itself; `Annotations` is only checked for CDK's own warnings and errors.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { addNagChecks } from '../../infra/nag.js';
import { buildApp } from './synth.js';

/** Findings as "rule @ construct path", readable in a failure message. */
function findings(report: ReturnType<AwsSolutionsChecks['validateScope']>, severity: string): string[] {
  return report.violations
    .filter((violation) => violation.severity === severity)
    .flatMap((violation) => violation.violatingResources.map((r) => `${violation.ruleName} @ ${r.constructPath}`));
}

describe('cdk-nag AwsSolutions', () => {
  let built: ReturnType<typeof buildApp>;

  beforeAll(() => {
    built = buildApp({ alarmEmail: 'ops@example.com' });
    addNagChecks(built.app);
  });

  it('reports no unacknowledged errors or warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    expect(findings(report, 'error')).toEqual([]);
    expect(findings(report, 'warning')).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('lets the app synthesize with the pack registered as in infra/app.ts', () => {
    // Under vitest (NODE_ENV=test) CDK throws the validation report from synth() if any plugin fails.
    expect(() => built.app.synth()).not.toThrow();
  });

  it('leaves no CDK error or warning annotations', () => {
    const annotations = Annotations.fromStack(built.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('would catch a finding: an extra unlogged bucket fails the checks (guards against a vacuous test)', () => {
    const { app, stack } = buildApp();
    new s3.Bucket(stack, 'UnloggedBucket', { enforceSSL: true });
    addNagChecks(app);
    expect(findings(new AwsSolutionsChecks().validateScope(app), 'error')).toContain('AwsSolutions-S1 @ ClauseWatch/UnloggedBucket/Resource');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  it('acknowledges every finding with a specific reason', () => {
    const acknowledgements = built.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, `reason for ${id}`).toBeGreaterThan(60);
    }
  });
});
