import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PortfolioRescan } from '../../infra/constructs/portfolio-rescan.js';
import { RescanMessage } from '../../lib/rescan-message.js';
import { asArray, referencedId, render, single, synthesize, type Synthesized } from './synth.js';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statementsOfRole(synth: Synthesized, roleId: string): Statement[] {
  return Object.values(synth.template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).map(referencedId).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

interface MapState {
  Type: string;
  MaxConcurrency: number;
  ItemReader: { Resource: string; ReaderConfig: { MaxItems: string }; Arguments: { Bucket: string; Prefix: string } };
  ItemBatcher: { MaxItemsPerBatch: number; BatchInput: Record<string, string> };
  ItemSelector: Record<string, string>;
  ItemProcessor: { ProcessorConfig: { Mode: string; ExecutionType: string }; StartAt: string; States: Record<string, Record<string, unknown>> };
}

describe('the rescan state machine in the ClauseWatch stack', () => {
  let synth: Synthesized;
  let stateMachineId: string;
  let definition: { StartAt: string; QueryLanguage: string; States: Record<string, MapState> };
  let fanOut: MapState;

  beforeAll(() => {
    synth = synthesize();
    const [id, stateMachine] = single(synth.template, 'AWS::StepFunctions::StateMachine');
    stateMachineId = id;
    definition = JSON.parse(render(stateMachine.Properties!.DefinitionString));
    fanOut = definition.States[definition.StartAt]!;
  });

  it('lists the contracts prefix of the contracts bucket with a Distributed Map, at most 50 children at once', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(fanOut.Type).toBe('Map');
    expect(fanOut.ItemReader.Resource).toBe(`arn:\${AWS::Partition}:states:::s3:listObjectsV2`);
    // The contracts bucket: KMS-encrypted and versioned (the Athena results bucket is not versioned).
    const bucketId = single(synth.template, 'AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(fanOut.ItemReader.Arguments).toEqual({ Bucket: `\${${bucketId[0]}}`, Prefix: 'contracts/' });
    expect(fanOut.MaxConcurrency).toBe(50);
    // The execution input may lower the construct's maximum, never raise it.
    expect(fanOut.ItemReader.ReaderConfig.MaxItems).toMatch(/\$min\(\[\$states\.input\.maxItems, 1000000\]\)/);
    expect(fanOut.ItemBatcher.MaxItemsPerBatch).toBe(10);
    expect(fanOut.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    // ListObjectsV2 items name the key `Key` and the ETag `Etag`.
    expect(fanOut.ItemSelector.key).toBe('{% $states.context.Map.Item.Value.Key %}');
    expect(fanOut.ItemSelector.eTag).toContain('$states.context.Map.Item.Value.Etag');
    expect(fanOut.ItemBatcher.BatchInput.rescanId).toContain('$states.input.rescanId');
    expect(fanOut.ItemBatcher.BatchInput.rescanId).toContain('$states.context.Execution.Name');
  });

  it('sends each batch to the analysis queue with one SendMessageBatch of rescan messages', () => {
    const send = fanOut.ItemProcessor.States[fanOut.ItemProcessor.StartAt]!;
    expect(send.Resource).toBe(`arn:\${AWS::Partition}:states:::aws-sdk:sqs:sendMessageBatch`);
    const queueId = Object.keys(synth.template.findResources('AWS::SQS::Queue')).find((id) => id.includes('AnalyzeQueue'))!;
    const args = send.Arguments as { QueueUrl: string; Entries: string };
    expect(args.QueueUrl).toBe(`\${${queueId}}`);
    // Every field a rescan message needs is in the message body the JSONata builds.
    for (const field of Object.keys(RescanMessage.shape)) expect(args.Entries).toContain(`'${field}':`);
    expect(args.Entries).toContain("'kind': 'clausewatch.rescan'");
    // A partly refused batch fails the child workflow instead of passing silently.
    expect(fanOut.ItemProcessor.States[send.Next as string]).toMatchObject({ Type: 'Choice' });
  });

  it('logs every execution to a KMS-encrypted log group, with X-Ray tracing, without execution data', () => {
    const [, stateMachine] = single(synth.template, 'AWS::StepFunctions::StateMachine');
    const logging = stateMachine.Properties!.LoggingConfiguration as {
      Level: string;
      IncludeExecutionData: boolean;
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
    };
    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(false);
    const logGroupId = referencedId(logging.Destinations[0]!.CloudWatchLogsLogGroup.LogGroupArn);
    const logGroup = synth.template.toJSON().Resources[logGroupId];
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
    expect(stateMachine.Properties!.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('gives the state machine role scoped statements and no wildcard action', () => {
    const roleId = referencedId(single(synth.template, 'AWS::StepFunctions::StateMachine')[1].Properties!.RoleArn);
    const statements = statementsOfRole(synth, roleId);
    for (const statement of statements) for (const action of asArray(statement.Action)) expect(action).not.toMatch(/\*/);
    const list = statements.find((statement) => asArray(statement.Action).includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['contracts/', 'contracts/*'] } });
    const send = statements.filter((statement) => asArray(statement.Action).some((action) => action.startsWith('sqs:')));
    expect(send.map((statement) => [asArray(statement.Action), render(statement.Resource)])).toEqual([
      [['sqs:SendMessage'], expect.stringMatching(/^\$\{PipelineAnalyzeQueue\w+\.Arn\}$/)],
    ]);
    const kmsStatements = statements.filter((statement) => asArray(statement.Action).some((action) => action.startsWith('kms:')));
    expect(kmsStatements.map((statement) => [asArray(statement.Action).sort(), render(statement.Resource)])).toEqual([
      [['kms:Decrypt', 'kms:GenerateDataKey'], expect.stringMatching(/^\$\{PipelineQueueKey\w+\.Arn\}$/)],
    ]);
    // `*` only for the actions without resource-level permissions.
    const anywhere = statements.filter((statement) => statement.Resource === '*').flatMap((statement) => asArray(statement.Action));
    expect(anywhere.every((action) => action.startsWith('logs:') || action.startsWith('xray:'))).toBe(true);
    // No S3 object access at all: the analyze function reads and writes.
    expect(statements.flatMap((statement) => asArray(statement.Action)).filter((action) => action.startsWith('s3:'))).toEqual(['s3:ListBucket']);
  });

  it('lets the analyze function write outcome objects under rescans/ only, and keeps its concurrency limits', () => {
    const functions = synth.template.findResources('AWS::Lambda::Function');
    const analyzeId = Object.keys(functions).find((id) => id.includes('AnalyzeFunction'))!;
    const roleId = referencedId(functions[analyzeId]!.Properties.Role);
    const writes = statementsOfRole(synth, roleId).filter((statement) => statement.Sid === 'WriteRescanOutcomes');
    expect(writes.map((statement) => [statement.Action, render(statement.Resource)])).toEqual([
      ['s3:PutObject', expect.stringMatching(/\.Arn\}\/rescans\/\*$/)],
    ]);
    expect(functions[analyzeId]!.Properties.ReservedConcurrentExecutions).toBe(10);
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 5 } });
  });

  it('outputs the state machine ARN, and leaves the state machine out with rescan: false', () => {
    expect(synth.template.findOutputs('RescanStateMachineArn').RescanStateMachineArn?.Value).toEqual({ Ref: stateMachineId });
    const without = synthesize({ rescan: false });
    expect(Object.keys(without.template.findResources('AWS::StepFunctions::StateMachine'))).toEqual([]);
    expect(without.template.findOutputs('RescanStateMachineArn')).toEqual({});
  });

  it('takes its maximum concurrency and items from props, and rejects impossible ones', () => {
    const build = (props: { maxConcurrency?: number; maxItems?: number; tracing?: boolean }) => {
      const stack = new Stack(new App(), 'Rescan');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const queueKey = new kms.Key(stack, 'Key');
      const queue = new sqs.Queue(stack, 'Queue', { encryptionMasterKey: queueKey });
      const fn = new lambda.Function(stack, 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler=()=>{}'),
      });
      new PortfolioRescan(stack, 'Rescan', { bucket, contractsPrefix: 'in/', queue, queueKey, analyzeFunction: fn, ...props });
      return Template.fromStack(stack);
    };
    const template = build({ maxConcurrency: 7, maxItems: 250, tracing: false });
    const [, stateMachine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    const map = Object.values(JSON.parse(render(stateMachine.Properties.DefinitionString)).States)[0] as MapState;
    expect(map.MaxConcurrency).toBe(7);
    expect(map.ItemReader.Arguments.Prefix).toBe('in/');
    expect(map.ItemReader.ReaderConfig.MaxItems).toContain('$min([$states.input.maxItems, 250])');
    expect(stateMachine.Properties.TracingConfiguration).toEqual({ Enabled: false });
    expect(() => build({ maxConcurrency: 0 })).toThrow(/maxConcurrency/);
    expect(() => build({ maxItems: 1.5 })).toThrow(/maxItems/);
  });
});
