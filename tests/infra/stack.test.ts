import { RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, type CfnResource, referencedId, render, single, synthesize, type Synthesized } from './synth.js';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const statementsOf = (resource: CfnResource, key: 'PolicyDocument' | 'KeyPolicy'): Statement[] =>
  (resource.Properties![key] as { Statement: Statement[] }).Statement;

describe('ClauseWatch stack with default props', () => {
  let synth: Synthesized;
  let resources: Record<string, CfnResource>;
  let bucketId: string;
  let analyzeFnId: string;
  let deadLetterFnId: string;
  let queueId: string;
  let dlqId: string;

  /** Resources of `type` whose logical id contains `name`. */
  const idOf = (type: string, name: string): string => {
    const ids = Object.keys(synth.template.findResources(type)).filter((id) => id.includes(name));
    if (ids.length !== 1) throw new Error(`expected one ${type} named *${name}*, found ${ids.join(', ') || 'none'}`);
    return ids[0]!;
  };

  beforeAll(() => {
    synth = synthesize();
    resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
    bucketId = idOf('AWS::S3::Bucket', 'ContractsBucket');
    analyzeFnId = idOf('AWS::Lambda::Function', 'AnalyzeFunction');
    deadLetterFnId = idOf('AWS::Lambda::Function', 'DeadLetterFunction');
    queueId = idOf('AWS::SQS::Queue', 'AnalyzeQueue');
    dlqId = idOf('AWS::SQS::Queue', 'DeadLetterQueue');
  });

  it('skips asset bundling in tests, yet still synthesizes the functions with an S3 code asset', () => {
    expect(synth.stack.bundlingRequired).toBe(false);
    for (const id of [analyzeFnId, deadLetterFnId]) {
      const code = resources[id]!.Properties!.Code as { S3Key?: string };
      expect(code.S3Key).toMatch(/\.zip$/);
    }
  });

  describe('contracts bucket', () => {
    it('is encrypted with the customer-managed key, with key rotation on', () => {
      const bucket = resources[bucketId]!;
      const [rule] = (bucket.Properties!.BucketEncryption as { ServerSideEncryptionConfiguration: Array<Record<string, any>> })
        .ServerSideEncryptionConfiguration;
      expect(rule!.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      const keyId = referencedId(rule!.ServerSideEncryptionByDefault.KMSMasterKeyID);
      expect(resources[keyId]!.Type).toBe('AWS::KMS::Key');
      expect(resources[keyId]!.Properties!.EnableKeyRotation).toBe(true);
      expect(rule!.BucketKeyEnabled).toBe(true);
    });

    it('blocks all public access, is versioned and owner-enforced', () => {
      expect(resources[bucketId]!.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('expires noncurrent versions and aborts incomplete multipart uploads', () => {
      const rules = (resources[bucketId]!.Properties!.LifecycleConfiguration as { Rules: Array<Record<string, any>> }).Rules;
      const enabled = rules.filter((rule) => rule.Status === 'Enabled');
      expect(enabled.some((rule) => rule.NoncurrentVersionExpiration?.NoncurrentDays === 90)).toBe(true);
      expect(enabled.some((rule) => rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation > 0)).toBe(true);
      // Current versions of contracts and reports are never expired automatically.
      expect(enabled.some((rule) => rule.ExpirationInDays !== undefined)).toBe(false);
    });

    it('logs server access to a separate SSE-S3, SSL-only, private, expiring bucket', () => {
      const logging = resources[bucketId]!.Properties!.LoggingConfiguration as { DestinationBucketName: unknown };
      const logBucketId = referencedId(logging.DestinationBucketName);
      expect(logBucketId).not.toBe(bucketId);
      const logBucket = resources[logBucketId]!;
      expect(logBucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      const rules = (logBucket.Properties!.LifecycleConfiguration as { Rules: Array<Record<string, any>> }).Rules;
      expect(rules.some((rule) => rule.Status === 'Enabled' && rule.ExpirationInDays > 0)).toBe(true);
      expectDeniesInsecureTransport(logBucketId);
      // Log delivery is granted by bucket policy, not by ACL.
      const policy = single(synth.template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: logBucketId } })[1];
      expect(statementsOf(policy, 'PolicyDocument').some((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('logging.s3.amazonaws.com'))).toBe(
        true,
      );
    });

    it('denies requests without TLS', () => {
      expectDeniesInsecureTransport(bucketId);
    });

    it('is retained when the stack is deleted, and so are the keys', () => {
      expect(resources[bucketId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      for (const key of Object.values(synth.template.findResources('AWS::KMS::Key'))) {
        expect(key.DeletionPolicy).toBe('Retain');
      }
    });

    function expectDeniesInsecureTransport(id: string): void {
      const [, policy] = single(synth.template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: id } });
      expect(statementsOf(policy, 'PolicyDocument')).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  describe('notifications and queues', () => {
    it('sends ObjectCreated events under contracts/ (and only those) to AnalyzeQueue', () => {
      const [, notifications] = single(synth.template, 'Custom::S3BucketNotifications');
      expect(referencedId(notifications.Properties!.BucketName)).toBe(bucketId);
      const config = notifications.Properties!.NotificationConfiguration as Record<string, Array<Record<string, any>>>;
      expect(Object.keys(config)).toEqual(['QueueConfigurations']);
      expect(config.QueueConfigurations).toHaveLength(1);
      const [queueConfig] = config.QueueConfigurations!;
      expect(referencedId(queueConfig!.QueueArn)).toBe(queueId);
      expect(queueConfig!.Events).toEqual(['s3:ObjectCreated:*']);
      expect(queueConfig!.Filter).toEqual({ Key: { FilterRules: [{ Name: 'prefix', Value: 'contracts/' }] } });
    });

    it('lets only the contracts bucket of this account send to AnalyzeQueue', () => {
      const [policyId, policy] = single(synth.template, 'AWS::SQS::QueuePolicy', { Queues: [{ Ref: queueId }] });
      const allow = statementsOf(policy, 'PolicyDocument').filter((s) => s.Effect === 'Allow');
      expect(allow).toEqual([
        expect.objectContaining({
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          },
        }),
      ]);
      // S3 checks that it may send when the notification is configured, so the policy must exist first.
      const [, notifications] = single(synth.template, 'Custom::S3BucketNotifications');
      expect(notifications.DependsOn).toContain(policyId);
    });

    it('encrypts both queues with a customer-managed key that S3 may use, and enforces TLS on both', () => {
      const keyIds = new Set<string>();
      for (const id of [queueId, dlqId]) {
        const keyRef = resources[id]!.Properties!.KmsMasterKeyId;
        expect(JSON.stringify(keyRef)).not.toContain('alias/aws/sqs');
        keyIds.add(referencedId(keyRef));
        const [, policy] = single(synth.template, 'AWS::SQS::QueuePolicy', { Queues: [{ Ref: id }] });
        expect(statementsOf(policy, 'PolicyDocument')).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      }
      expect(keyIds.size).toBe(1);
      const key = resources[[...keyIds][0]!]!;
      expect(key.Properties!.EnableKeyRotation).toBe(true);
      expect(statementsOf(key, 'KeyPolicy')).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        }),
      );
    });

    it('dead-letters a message after 3 receives, into a DLQ that keeps it 14 days', () => {
      expect(resources[queueId]!.Properties!.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: 3,
      });
      expect(resources[dlqId]!.Properties!.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      // The DLQ must outlive the source queue's retention, which a redriven message keeps counting from.
      expect(resources[queueId]!.Properties!.MessageRetentionPeriod as number).toBeLessThan(14 * 24 * 3600);
    });

    it('gives every SQS-triggered function a visibility timeout of at least 6 x its timeout', () => {
      const mappings = Object.values(synth.template.findResources('AWS::Lambda::EventSourceMapping'));
      // Analyze queue, dead-letter queue, OCR results queue.
      expect(mappings).toHaveLength(3);
      for (const mapping of mappings) {
        const queue = resources[referencedId(mapping.Properties.EventSourceArn)]!;
        const fn = resources[referencedId(mapping.Properties.FunctionName)]!;
        expect(queue.Properties!.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * (fn.Properties!.Timeout as number));
      }
      expect(resources[queueId]!.Properties!.VisibilityTimeout).toBe(6 * 120);
    });
  });

  describe('functions', () => {
    it('AnalyzeFunction consumes AnalyzeQueue in batches of 5 with partial batch failures', () => {
      synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: analyzeFnId },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 5 },
      });
    });

    it('DeadLetterFunction consumes the DLQ in batches of 10 with partial batch failures', () => {
      synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        FunctionName: { Ref: deadLetterFnId },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('run on nodejs22.x / arm64 as ESM bundles with the expected sizes and limits', () => {
      expect(resources[analyzeFnId]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1536,
        Timeout: 120,
        ReservedConcurrentExecutions: 10,
      });
      expect(resources[deadLetterFnId]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 30,
      });
    });

    it('pass the bucket layout to the handlers through the environment', () => {
      const common = {
        BUCKET_NAME: { Ref: bucketId },
        CONTRACTS_PREFIX: 'contracts/',
        REPORTS_PREFIX: 'reports/',
        PORTFOLIO_ROWS_PREFIX: 'portfolio-rows/',
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '--enable-source-maps',
      };
      const topicId = idOf('AWS::SNS::Topic', 'CompletionTopic');
      const publishRoleId = idOf('AWS::IAM::Role', 'PublishRole');
      expect(resources[analyzeFnId]!.Properties!.Environment).toEqual({
        // The worker's memory cap leaves 512 MB of the default 1,536 MB for the handler and the standby worker.
        // Scans are read by Amazon Textract: the job announces its end on the completion topic.
        Variables: {
          ...common,
          LIBRARY_KEY: 'config/clause-library.json',
          WORKER_MEMORY_MB: '1024',
          DOCUMENT_TIMEOUT_SECONDS: '120',
          OCR: 'textract',
          OCR_JOBS_PREFIX: 'ocr-jobs/',
          OCR_TEXT_PREFIX: 'ocr-text/',
          TEXTRACT_TOPIC_ARN: { Ref: topicId },
          TEXTRACT_ROLE_ARN: { 'Fn::GetAtt': [publishRoleId, 'Arn'] },
        },
      });
      expect(resources[deadLetterFnId]!.Properties!.Environment).toEqual({ Variables: { ...common, OCR_JOBS_PREFIX: 'ocr-jobs/' } });
    });

    it('log to their own log groups, kept 3 months', () => {
      for (const id of [analyzeFnId, deadLetterFnId]) {
        const logGroupId = referencedId((resources[id]!.Properties!.LoggingConfig as { LogGroup: unknown }).LogGroup);
        expect(resources[logGroupId]!.Type).toBe('AWS::Logs::LogGroup');
        expect(resources[logGroupId]!.Properties!.RetentionInDays).toBe(90);
      }
    });
  });

  describe('IAM', () => {
    /** Every statement of every AWS::IAM::Policy, with the role it is attached to. */
    const iamStatements = (): Array<{ roles: string[]; statement: Statement }> =>
      Object.values(synth.template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({
          roles: (policy.Properties.Roles as unknown[]).map(referencedId),
          statement,
        })),
      );

    /** Actions granted to the role of `functionId`, each with the resources it applies to. */
    const grantsOf = (functionId: string): Map<string, string[]> => {
      const roleId = referencedId(resources[functionId]!.Properties!.Role);
      const grants = new Map<string, string[]>();
      for (const { roles, statement } of iamStatements()) {
        if (!roles.includes(roleId) || statement.Effect !== 'Allow') continue;
        for (const action of asArray(statement.Action)) {
          grants.set(action, [...(grants.get(action) ?? []), ...asArray(statement.Resource).map(render)].sort());
        }
      }
      return grants;
    };

    it('grants no wildcard actions in any policy', () => {
      const statements = iamStatements();
      expect(statements.length).toBeGreaterThan(0);
      for (const { statement } of statements) {
        for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
      }
    });

    it('scopes every S3 object permission to the contracts, reports, OCR job records or library keys', () => {
      const bucketArn = `\${${bucketId}.Arn}`;
      const allowedObjects = [
        `${bucketArn}/contracts/*`,
        `${bucketArn}/reports/*`,
        `${bucketArn}/ocr-jobs/*`,
        `${bucketArn}/ocr-text/*`,
        `${bucketArn}/portfolio-rows/*`,
        `${bucketArn}/config/clause-library.json`,
        `${bucketArn}/rescans/*`,
      ];
      for (const { statement } of iamStatements()) {
        for (const resource of asArray(statement.Resource).map(render)) {
          if (!resource.startsWith(`${bucketArn}/`)) continue;
          expect(allowedObjects).toContain(resource);
        }
      }
    });

    it('attaches no AWS managed policy to the function roles', () => {
      for (const id of [analyzeFnId, deadLetterFnId]) {
        const role = resources[referencedId(resources[id]!.Properties!.Role)]!;
        expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('AnalyzeFunction may read contracts and the library, write and remove reports, and record OCR jobs and rescan outcomes only', () => {
      const bucketArn = `\${${bucketId}.Arn}`;
      const grants = grantsOf(analyzeFnId);
      expect(grants.get('s3:GetObject')).toEqual(
        [`${bucketArn}/config/clause-library.json`, `${bucketArn}/contracts/*`, `${bucketArn}/ocr-text/*`, `${bucketArn}/reports/*`].sort(),
      );
      expect(grants.get('s3:GetObjectVersion')).toEqual([`${bucketArn}/config/clause-library.json`, `${bucketArn}/contracts/*`].sort());
      // Writing anywhere under contracts/ would re-trigger the analysis of its own output.
      expect(grants.get('s3:PutObject')).toEqual([
        `${bucketArn}/ocr-jobs/*`,
        `${bucketArn}/portfolio-rows/*`,
        `${bucketArn}/reports/*`,
        `${bucketArn}/rescans/*`,
      ]);
      expect(grants.get('s3:DeleteObject')).toEqual([`${bucketArn}/reports/*`]);
      expect(grants.get('s3:ListBucket')).toEqual([bucketArn]);
      expect([...grants.keys()].filter((a) => a.startsWith('s3:')).sort()).toEqual([
        's3:DeleteObject',
        's3:GetObject',
        's3:GetObjectVersion',
        's3:ListBucket',
        's3:PutObject',
      ]);
    });

    it('DeadLetterFunction may read contracts, read, write and remove reports, and close OCR jobs only', () => {
      const bucketArn = `\${${bucketId}.Arn}`;
      const grants = grantsOf(deadLetterFnId);
      expect(grants.get('s3:GetObject')).toEqual([`${bucketArn}/contracts/*`, `${bucketArn}/ocr-jobs/*`, `${bucketArn}/reports/*`]);
      expect(grants.get('s3:PutObject')).toEqual([`${bucketArn}/portfolio-rows/*`, `${bucketArn}/reports/*`]);
      expect(grants.get('s3:DeleteObject')).toEqual([`${bucketArn}/ocr-jobs/*`, `${bucketArn}/reports/*`]);
      expect([...grants.keys()].filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    });

    it('lets both functions use the bucket key and the queue key, and write only their own logs', () => {
      const bucketKeyId = referencedId(
        (resources[bucketId]!.Properties!.BucketEncryption as any).ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID,
      );
      const queueKeyId = referencedId(resources[queueId]!.Properties!.KmsMasterKeyId);
      for (const id of [analyzeFnId, deadLetterFnId]) {
        const grants = grantsOf(id);
        expect(grants.get('kms:Decrypt')).toEqual([`\${${bucketKeyId}.Arn}`, `\${${queueKeyId}.Arn}`].sort());
        expect(grants.get('kms:GenerateDataKey')).toEqual([`\${${bucketKeyId}.Arn}`]);
        const logGroupId = referencedId((resources[id]!.Properties!.LoggingConfig as { LogGroup: unknown }).LogGroup);
        expect(grants.get('logs:PutLogEvents')).toEqual([`\${${logGroupId}.Arn}`]);
        expect(grants.get('logs:CreateLogStream')).toEqual([`\${${logGroupId}.Arn}`]);
      }
    });
  });

  describe('dead-letter alarm', () => {
    it('fires when one message reaches the DLQ within a minute', () => {
      const [, alarm] = single(synth.template, 'AWS::CloudWatch::Alarm');
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
      const metrics = alarm.Properties!.Metrics as Array<{ MetricStat?: Record<string, any> }>;
      const stats = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
      const dlqDimension = [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }];
      expect(stats).toContainEqual({
        Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: dlqDimension },
        Period: 60,
        Stat: 'Maximum',
      });
      expect(stats).toContainEqual({
        Metric: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesReceived', Dimensions: dlqDimension },
        Period: 60,
        Stat: 'Sum',
      });
    });

    it('notifies a KMS-encrypted, TLS-only topic that CloudWatch may publish to', () => {
      const topicId = idOf('AWS::SNS::Topic', 'DeadLetterAlarm');
      const topic = resources[topicId]!;
      const [, alarm] = single(synth.template, 'AWS::CloudWatch::Alarm');
      expect(alarm.Properties!.AlarmActions).toEqual([{ Ref: topicId }]);
      const keyId = referencedId(topic.Properties!.KmsMasterKeyId);
      expect(statementsOf(resources[keyId]!, 'KeyPolicy')).toContainEqual(
        expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
      );
      const topicPolicy = resources[idOf('AWS::SNS::TopicPolicy', 'DeadLetterAlarm')]!;
      const statements = statementsOf(topicPolicy, 'PolicyDocument');
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
      );
    });

    it('has no e-mail subscription unless alarmEmail is set', () => {
      // The one subscription is the OCR results queue's.
      expect(Object.values(synth.template.findResources('AWS::SNS::Subscription')).map((s) => s.Properties.Protocol)).toEqual(['sqs']);
    });
  });

  it('outputs the names and URLs operators need', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'AlarmTopicArn',
        'AnalyzeFunctionName',
        'AnalyzeQueueUrl',
        'BucketName',
        'ConsoleUrl',
        'ConsoleUserPoolId',
        'DeadLetterAlarmName',
        'DeadLetterFunctionName',
        'DeadLetterQueueUrl',
        'OcrResultsFunctionName',
        'RescanStateMachineArn',
        'PortfolioQueryPolicyArn',
        'PortfolioTableName',
        'PortfolioWorkGroupName',
      ].sort(),
    );
    expect(outputs.BucketName!.Value).toEqual({ Ref: bucketId });
    expect(outputs.AnalyzeQueueUrl!.Value).toEqual({ Ref: queueId });
    expect(outputs.DeadLetterQueueUrl!.Value).toEqual({ Ref: dlqId });
    expect(outputs.AnalyzeFunctionName!.Value).toEqual({ Ref: analyzeFnId });
    expect(outputs.DeadLetterFunctionName!.Value).toEqual({ Ref: deadLetterFnId });
  });
});

describe('ClauseWatch stack with custom props', () => {
  let synth: Synthesized;

  beforeAll(() => {
    synth = synthesize({
      bucketName: 'acme-clausewatch-contracts',
      contractsPrefix: 'inbox/contracts/',
      reportsPrefix: 'outbox/',
      memorySize: 3008,
      timeout: 300,
      alarmEmail: 'ops@example.com',
      reservedConcurrency: 3,
      logRetention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  });

  it('applies bucket name, prefixes, sizing and retention', () => {
    const t = synth.template;
    t.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'acme-clausewatch-contracts' });
    t.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbox/contracts/' }] } } })],
      },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 3008,
      Timeout: 300,
      ReservedConcurrentExecutions: 3,
      Environment: { Variables: Match.objectLike({ CONTRACTS_PREFIX: 'inbox/contracts/', REPORTS_PREFIX: 'outbox/' }) },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 1800, RedrivePolicy: Match.anyValue() });
    // The poller never starts more invocations than the reserved concurrency allows.
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, ScalingConfig: { MaximumConcurrency: 3 } });
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('scopes IAM to the custom prefixes', () => {
    const [bucketId] = single(synth.template, 'AWS::S3::Bucket', { BucketName: 'acme-clausewatch-contracts' });
    const objectResources = new Set(
      Object.values(synth.template.findResources('AWS::IAM::Policy'))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .flatMap((statement) => asArray(statement.Resource).map(render))
        .filter((resource) => resource.startsWith(`\${${bucketId}.Arn}/`)),
    );
    expect([...objectResources].sort()).toEqual(
      [
        `\${${bucketId}.Arn}/config/clause-library.json`,
        `\${${bucketId}.Arn}/inbox/contracts/*`,
        `\${${bucketId}.Arn}/outbox/*`,
        `\${${bucketId}.Arn}/ocr-jobs/*`,
        `\${${bucketId}.Arn}/ocr-text/*`,
        `\${${bucketId}.Arn}/rescans/*`,
        `\${${bucketId}.Arn}/portfolio-rows/*`,
      ].sort(),
    );
  });

  it('deletes buckets, keys and log groups with the stack when asked to', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const resource of Object.values(synth.template.findResources(type))) {
        expect(resource.DeletionPolicy).toBe('Delete');
      }
    }
  });
});

describe('ClauseWatch stack prop validation', () => {
  it.each([
    [{ contractsPrefix: 'contracts' }, /must be folder names/],
    [{ reportsPrefix: '/reports/' }, /must be folder names/],
    [{ contractsPrefix: 'in/', reportsPrefix: 'in/reports/' }, /must not contain one another/],
    [{ contractsPrefix: 'config/' }, /must not contain the clause library key/],
    [{ reportsPrefix: 'rep*/' }, /must be folder names/],
  ])('rejects %j', (props, message) => {
    expect(() => synthesize(props)).toThrow(message);
  });
});
