import { beforeAll, describe, expect, it } from 'vitest';
import { settingsFromContext } from '../../infra/config.js';
import { asArray, type CfnResource, referencedId, render, synthesize, type Synthesized } from './synth.js';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every Allow statement of the policies attached to a role, by logical id. */
function statementsOfRole(synth: Synthesized, roleId: string): Statement[] {
  return Object.values(synth.template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).map(referencedId).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

function idOf(synth: Synthesized, type: string, name: string): string {
  const ids = Object.keys(synth.template.findResources(type)).filter((id) => id.includes(name));
  if (ids.length !== 1) throw new Error(`expected one ${type} named *${name}*, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

const roleOf = (resources: Record<string, CfnResource>, functionId: string) => referencedId(resources[functionId]!.Properties!.Role);
const textractActions = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('textract:'));

describe('Amazon Textract OCR path (the default, ocr: "textract")', () => {
  let synth: Synthesized;
  let resources: Record<string, CfnResource>;
  let topicId: string;
  let resultsQueueId: string;
  let resultsFnId: string;
  let publishRoleId: string;

  beforeAll(() => {
    synth = synthesize();
    resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
    topicId = idOf(synth, 'AWS::SNS::Topic', 'CompletionTopic');
    resultsQueueId = idOf(synth, 'AWS::SQS::Queue', 'ResultsQueue');
    resultsFnId = idOf(synth, 'AWS::Lambda::Function', 'ResultsFunction');
    publishRoleId = idOf(synth, 'AWS::IAM::Role', 'PublishRole');
  });

  it('announces finished jobs on a topic encrypted with its own rotating key, TLS only', () => {
    const keyId = referencedId(resources[topicId]!.Properties!.KmsMasterKeyId);
    expect(resources[keyId]!.Properties).toMatchObject({ EnableKeyRotation: true });
    const policy = resources[idOf(synth, 'AWS::SNS::TopicPolicy', 'CompletionTopic')]!;
    expect((policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('delivers the notice raw to an encrypted results queue that dead-letters after 3 receives', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [resultsQueueId, 'Arn'] },
    });
    const queue = resources[resultsQueueId]!.Properties!;
    const dlqId = idOf(synth, 'AWS::SQS::Queue', 'DeadLetterQueue');
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 3 });
    expect(referencedId(queue.KmsMasterKeyId)).not.toBe(referencedId(resources[topicId]!.Properties!.KmsMasterKeyId));
    // The queue key lets SNS deliver, and only for this topic.
    const queueKey = resources[referencedId(queue.KmsMasterKeyId)]!;
    expect((queueKey.Properties!.KeyPolicy as { Statement: Statement[] }).Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topicId } } } }),
    );
  });

  it('lets only Textract acting for this account assume the publish role, which may publish to the topic and nothing else', () => {
    const trust = resources[publishRoleId]!.Properties!.AssumeRolePolicyDocument as { Statement: Statement[] };
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'textract.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    const statements = statementsOfRole(synth, publishRoleId);
    const topicKeyId = referencedId(resources[topicId]!.Properties!.KmsMasterKeyId);
    expect(statements.map((s) => [asArray(s.Action).join(','), asArray(s.Resource).map(render).join(',')]).sort()).toEqual(
      [
        ['kms:Decrypt,kms:GenerateDataKey', `\${${topicKeyId}.Arn}`],
        ['sns:Publish', `\${${topicId}}`],
      ].sort(),
    );
  });

  it('lets AnalyzeFunction start jobs, pass the publish role to Textract alone, and record jobs', () => {
    const statements = statementsOfRole(synth, roleOf(resources, idOf(synth, 'AWS::Lambda::Function', 'AnalyzeFunction')));
    expect(textractActions(statements)).toEqual(['textract:StartDocumentTextDetection']);
    const passRole = statements.find((s) => asArray(s.Action).includes('iam:PassRole'))!;
    expect(asArray(passRole.Resource)).toEqual([{ 'Fn::GetAtt': [publishRoleId, 'Arn'] }]);
    expect(passRole.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } });
  });

  it('runs OcrResultsFunction one notice at a time, allowed to fetch results but not to start jobs', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [resultsQueueId, 'Arn'] },
      FunctionName: { Ref: resultsFnId },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const statements = statementsOfRole(synth, roleOf(resources, resultsFnId));
    expect(textractActions(statements)).toEqual(['textract:GetDocumentTextDetection']);
    expect(statements.some((s) => asArray(s.Action).includes('iam:PassRole'))).toBe(false);
    // It keeps the text a job read (write only); the analyze function may only read it.
    const bucketId = idOf(synth, 'AWS::S3::Bucket', 'ContractsBucket');
    const keep = statements.find((s) => s.Sid === 'KeepOcrText')!;
    expect([asArray(keep.Action), asArray(keep.Resource).map(render)]).toEqual([['s3:PutObject'], [`\${${bucketId}.Arn}/ocr-text/*`]]);
    const analyzeStatements = statementsOfRole(synth, roleOf(resources, idOf(synth, 'AWS::Lambda::Function', 'AnalyzeFunction')));
    const read = analyzeStatements.find((s) => s.Sid === 'ReadKeptOcrText')!;
    expect([asArray(read.Action), asArray(read.Resource).map(render)]).toEqual([['s3:GetObject'], [`\${${bucketId}.Arn}/ocr-text/*`]]);
    expect(resources[resultsFnId]!.Properties).toMatchObject({ MemorySize: 1536, Timeout: 120, Runtime: 'nodejs22.x' });
    expect((resources[resultsFnId]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      OCR_JOBS_PREFIX: 'ocr-jobs/',
      CONTRACTS_PREFIX: 'contracts/',
      REPORTS_PREFIX: 'reports/',
    });
  });

  it('checks overdue jobs every hour by invoking OcrResultsFunction, and only EventBridge from this rule may invoke it so', () => {
    const ruleId = idOf(synth, 'AWS::Events::Rule', 'OverdueJobsSchedule');
    expect(resources[ruleId]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [resultsFnId, 'Arn'] } })],
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [resultsFnId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('uses the resource "*" only for the Textract actions, which have no resource-level permissions', () => {
    // The rescan state machine's log delivery and X-Ray statement is checked in portfolio-rescan.test.ts.
    const wildcard = Object.values(synth.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => !(policy.Properties.Roles as unknown[]).map(referencedId).some((role) => role.startsWith('RescanStateMachineRole')))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => asArray(statement.Resource).includes('*'));
    expect(wildcard.flatMap((s) => asArray(s.Action)).sort()).toEqual(['textract:GetDocumentTextDetection', 'textract:StartDocumentTextDetection']);
  });
});

describe.each([
  ['tesseract', 'tesseract'],
  ['off', 'off'],
] as const)('ocr: "%s"', (ocr, variable) => {
  it('has no Textract path, and tells AnalyzeFunction how scans are read', () => {
    const synth = synthesize({ ocr });
    const resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
    expect(Object.keys(synth.template.findResources('AWS::SNS::Topic')).filter((id) => id.includes('CompletionTopic'))).toEqual([]);
    expect(Object.keys(synth.template.findResources('AWS::Lambda::Function')).filter((id) => id.includes('ResultsFunction'))).toEqual([]);
    const analyze = resources[idOf(synth, 'AWS::Lambda::Function', 'AnalyzeFunction')]!;
    const variables = (analyze.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.OCR).toBe(variable);
    expect(variables.TEXTRACT_TOPIC_ARN).toBeUndefined();
    const allActions = Object.values(synth.template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => asArray(s.Action)),
    );
    expect(textractActions(allActions.map((Action) => ({ Action }) as Statement))).toEqual([]);
  });
});

describe('the ocr setting from CDK context', () => {
  it('accepts the three engines and rejects anything else', () => {
    expect(settingsFromContext((key) => (key === 'ocr' ? 'off' : undefined)).ocr).toBe('off');
    expect(settingsFromContext(() => undefined).ocr).toBeUndefined();
    expect(() => settingsFromContext((key) => (key === 'ocr' ? 'abbyy' : undefined))).toThrow(/ocr/);
  });

  it('keeps the contracts and reports prefixes off the OCR job records', () => {
    expect(() => synthesize({ reportsPrefix: 'ocr-jobs/' })).toThrow(/OCR job records prefix/);
  });
});
