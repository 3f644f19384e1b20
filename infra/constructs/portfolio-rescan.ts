import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** Contracts enumerated per rescan unless the execution input asks for fewer. */
export const RESCAN_DEFAULT_MAX_ITEMS = 1_000_000;
/** Child workflows sending at once: 50 × 10 messages a batch is far above what the analyze function drains. */
export const RESCAN_DEFAULT_MAX_CONCURRENCY = 50;
/** SQS SendMessageBatch takes at most 10 entries. */
export const RESCAN_MESSAGES_PER_BATCH = 10;
/** Where the analyze function records each contract's outcome of a rescan (service/rescan.ts). */
export const RESCANS_PREFIX = 'rescans/';

export interface PortfolioRescanProps {
  readonly bucket: s3.IBucket;
  /** Key prefix of uploaded contracts; ends in `/`. Only it is listed. */
  readonly contractsPrefix: string;
  /** The analysis queue the rescan messages go to, and the key that encrypts it. */
  readonly queue: sqs.IQueue;
  readonly queueKey: kms.IKey;
  /** The analyze function: it is allowed to write the rescan outcome objects. */
  readonly analyzeFunction: lambda.IFunction;
  /**
   * Child workflows running at once (the Distributed Map's MaxConcurrency). Sending is cheap:
   * the analysis itself stays throttled by the analyze function's reserved concurrency and the
   * event source's maximum concurrency, and the messages wait in the queue.
   * @default RESCAN_DEFAULT_MAX_CONCURRENCY (50)
   */
  readonly maxConcurrency?: number;
  /**
   * Most contracts one rescan enumerates; an execution input `maxItems` may ask for fewer.
   * @default RESCAN_DEFAULT_MAX_ITEMS (1,000,000)
   */
  readonly maxItems?: number;
  /**
   * AWS X-Ray tracing of the executions.
   * @default true
   */
  readonly tracing?: boolean;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A rescan of every contract through the analysis pipeline: a Step Functions state machine whose
 * Distributed Map lists the contracts prefix (ItemReader over S3 ListObjectsV2), batches ten
 * objects per child workflow (Express) and sends them to the analysis queue with one SQS
 * SendMessageBatch each. The analyze function re-analyzes the contracts whose reports are stale
 * and records each outcome under `rescans/<execution name>/`.
 *
 * Execution input: `{ "rescanId": "<the execution's name>", "maxItems": <number or null> }`.
 */
export class PortfolioRescan extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly logKey: kms.Key;

  constructor(scope: Construct, id: string, props: PortfolioRescanProps) {
    super(scope, id);
    const maxItems = props.maxItems ?? RESCAN_DEFAULT_MAX_ITEMS;
    const maxConcurrency = props.maxConcurrency ?? RESCAN_DEFAULT_MAX_CONCURRENCY;
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 100_000_000)
      throw new Error('PortfolioRescan maxItems must be a whole number from 1 to 100,000,000');
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10_000)
      throw new Error('PortfolioRescan maxConcurrency must be a whole number from 1 to 10,000');
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const { region, account } = Stack.of(this);

    this.logKey = new kms.Key(this, 'LogKey', {
      description: 'ClauseWatch: encrypts the rescan state machine logs',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'], // in a key policy, "*" means this key
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Stack.of(this).partition}:logs:${region}:${account}:log-group:*` } },
      }),
    );
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: this.logKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy,
    });

    // One child workflow: its ten listed objects become one SendMessageBatch of rescan messages
    // (lib/rescan-message.ts), each naming the bucket, key and the ETag the listing saw.
    const send = tasks.CallAwsService.jsonata(this, 'SendRescanMessages', {
      service: 'sqs',
      action: 'sendMessageBatch',
      iamAction: 'sqs:SendMessage',
      iamResources: [props.queue.queueArn],
      parameters: {
        QueueUrl: props.queue.queueUrl,
        Entries:
          "{% $map($states.input.Items, function($item, $index) { { 'Id': $string($index), 'MessageBody': $string({ 'kind': 'clausewatch.rescan', 'rescanId': $states.input.BatchInput.rescanId, 'bucket': $states.input.BatchInput.bucket, 'key': $item.key, 'eTag': $item.eTag, 'versionId': null }) } }) %}",
      },
      outputs: { failed: '{% $count($states.result.Failed) %}' },
    });
    send.addRetry({
      errors: ['Sqs.SqsException', 'Sqs.KmsThrottledException', 'States.Timeout'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
    });
    const partialFailure = new sfn.Fail(this, 'SomeMessagesNotSent', {
      error: 'Rescan.MessagesNotSent',
      cause: 'SQS refused part of a SendMessageBatch; start the rescan again (contracts already current are skipped)',
    });
    const childDefinition = send.next(
      sfn.Choice.jsonata(this, 'AllSent')
        .when(sfn.Condition.jsonata('{% $states.input.failed > 0 %}'), partialFailure)
        .otherwise(new sfn.Succeed(this, 'Sent')),
    );

    const listing = new ContractsListing(props.bucket, props.contractsPrefix, maxItems);
    const fanOut = sfn.DistributedMap.jsonata(this, 'SendOneMessagePerContract', {
      itemReader: listing,
      itemSelector: {
        key: '{% $states.context.Map.Item.Value.Key %}',
        eTag: '{% $exists($states.context.Map.Item.Value.Etag) ? $states.context.Map.Item.Value.Etag : null %}',
      },
      itemBatcher: new sfn.ItemBatcher({
        maxItemsPerBatch: RESCAN_MESSAGES_PER_BATCH,
        // An execution started without a rescan id (from the console) is its own rescan id.
        batchInput: {
          rescanId: '{% $exists($states.input.rescanId) ? $states.input.rescanId : $states.context.Execution.Name %}',
          bucket: props.bucket.bucketName,
        },
      }),
      maxConcurrency,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      label: 'Rescan',
      outputs: {},
    });
    fanOut.itemProcessor(childDefinition);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'ClauseWatch: sends a rescan message for every contract to the analysis queue',
      queryLanguage: sfn.QueryLanguage.JSONATA,
      definitionBody: sfn.DefinitionBody.fromChainable(fanOut),
      stateMachineType: sfn.StateMachineType.STANDARD,
      // Enumeration and sending only: 200,000 contracts take minutes; the analysis runs on after.
      timeout: Duration.hours(6),
      tracingEnabled: props.tracing ?? true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      removalPolicy,
    });
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'UseQueueKey',
        // Sending to a KMS-encrypted queue: SQS asks for a data key in the sender's name.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.queueKey.keyArn],
      }),
    );

    // The analyze function writes one small object per contract outcome under rescans/.
    props.analyzeFunction.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WriteRescanOutcomes',
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`${RESCANS_PREFIX}*`)],
      }),
    );

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the actions without resource-level permissions, as CDK adds them: log delivery to the encrypted log group (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets).',
    });
    // Child executions' ARNs are only known at run time: they are this state machine's own.
    const stack = Stack.of(this);
    // cdk-nag writes unresolved values as <AWS::…> and resolved ones (an app with an environment) as they are.
    const named = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const executions = `arn:${named(stack.partition, 'Partition')}:states:${named(stack.region, 'Region')}:${named(stack.account, 'AccountId')}:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(this).getLogicalId(this.stateMachine.node.defaultChild as sfn.CfnStateMachine)}"}]}]}`;
    for (const resource of [`${executions}:*`, `${executions}/Rescan:*`]) {
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          'A Distributed Map starts, describes and stops its own child executions (states:StartExecution, DescribeExecution, StopExecution as CDK grants them), whose names are made at run time; the resource is limited to executions of this state machine.',
      });
    }
    const bucketArnToken = `<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(props.analyzeFunction.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${RESCANS_PREFIX}*]`,
      reason: `Object ARNs are limited to the rescan progress prefix (${RESCANS_PREFIX}*): one outcome object per contract and rescan, named at run time. The only action is s3:PutObject.`,
    });
  }
}

/**
 * The ItemReader: S3 ListObjectsV2 over the contracts prefix. Its ListBucket permission carries
 * the prefix condition (CDK's own reader grants the whole bucket), and its MaxItems takes the
 * execution input's `maxItems` when that is lower than the construct's.
 */
class ContractsListing implements sfn.IItemReader {
  readonly resource: string;
  constructor(
    readonly bucket: s3.IBucket,
    private readonly prefix: string,
    readonly maxItems: number,
  ) {
    this.resource = `arn:${Stack.of(bucket).partition}:states:::s3:listObjectsV2`;
  }

  render(): unknown {
    return {
      Resource: this.resource,
      ReaderConfig: {
        MaxItems: `{% $type($states.input.maxItems) = 'number' and $states.input.maxItems > 0 ? $min([$states.input.maxItems, ${this.maxItems}]) : ${this.maxItems} %}`,
      },
      Arguments: { Bucket: this.bucket.bucketName, Prefix: this.prefix },
    };
  }

  providePolicyStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'ListContracts',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [this.prefix, `${this.prefix}*`] } },
      }),
    ];
  }

  validateItemReader(): string[] {
    return [];
  }
}
