import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function.js';
import { addStatements, bucketKeyStatement, listBucketStatement } from './policies.js';

/** Attempts per contract before it is dead-lettered: a transient S3/KMS error gets two retries. */
const MAX_RECEIVE_COUNT = 3;
/** Contracts handed to one AnalyzeFunction invocation. */
const ANALYZE_BATCH_SIZE = 5;
/** Upper bound of concurrent AnalyzeFunction invocations the SQS poller starts (never above the reserved concurrency). */
const ANALYZE_MAX_CONCURRENCY = 5;
/** Dead-lettered messages handed to one DeadLetterFunction invocation. */
const DEAD_LETTER_BATCH_SIZE = 10;
/** DeadLetterFunction reads the object (up to the 50 MB byte limit) to hash it, then writes a small error report and its page. */
const DEAD_LETTER_MEMORY_MB = 512;
const DEAD_LETTER_TIMEOUT = Duration.seconds(30);
/**
 * AWS's guidance for SQS-triggered Lambda: a visibility timeout of at least six times the
 * function timeout, so a message is not handed to a second invocation while the poller is still
 * retrying a throttled or slow first one.
 */
const VISIBILITY_TIMEOUT_FACTOR = 6;
/**
 * A standard queue keeps a message's original enqueue time when it moves to the DLQ, so the DLQ
 * must retain messages longer than the source queue or they would expire on arrival.
 */
const ANALYZE_QUEUE_RETENTION = Duration.days(4);
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Properties of {@link AnalysisPipeline}. */
export interface AnalysisPipelineProps {
  /** Bucket holding contracts, reports and the clause library. */
  readonly bucket: s3.Bucket;
  /** Customer-managed key encrypting {@link bucket}. */
  readonly bucketKey: kms.IKey;
  /** Key prefix of uploaded contracts; ends in `/`. */
  readonly contractsPrefix: string;
  /** Key prefix of written reports; ends in `/`. */
  readonly reportsPrefix: string;
  /** Object key of the optional custom clause library. */
  readonly libraryKey: string;
  /**
   * Key prefix of the portfolio rows every report write also writes; ends in `/`.
   * @default 'portfolio-rows/'
   */
  readonly portfolioRowsPrefix?: string;
  /** AnalyzeFunction memory in MB. */
  readonly memorySize: number;
  /** AnalyzeFunction timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Concurrent executions reserved for (and capped at) AnalyzeFunction; at least 2. */
  readonly reservedConcurrency: number;
  /**
   * How scanned pages are read: `textract` (the {@link TextractOcr} construct adds the job path),
   * `tesseract` inside AnalyzeFunction (tesseract.js and its model are deployed beside the bundle;
   * give the function at least 2048 MB), or `off` (a scan gets a `no_text_layer` report).
   */
  readonly ocr: 'textract' | 'tesseract' | 'off';
  /** How long both functions' logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the queue key and the log groups when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Uploads under the contracts prefix → S3 ObjectCreated notification → AnalyzeQueue →
 * AnalyzeFunction, which writes a report under the reports prefix. Messages that fail
 * {@link MAX_RECEIVE_COUNT} times move to DeadLetterQueue, where DeadLetterFunction writes an
 * `internal` error report so every upload ends with a report.
 */
export class AnalysisPipeline extends Construct {
  /** Receives the bucket's ObjectCreated notifications for the contracts prefix. */
  readonly queue: sqs.Queue;
  /** Receives messages AnalyzeFunction failed on {@link MAX_RECEIVE_COUNT} times. */
  readonly deadLetterQueue: sqs.Queue;
  /** Encrypts both queues. */
  readonly queueKey: Key;
  /** Analyses one contract per message and writes its report. */
  readonly analyzeFunction: HandlerFunction;
  /** Writes an `internal` error report for each dead-lettered contract. */
  readonly deadLetterFunction: HandlerFunction;
  /** The environment of a function that analyses contracts (AnalyzeFunction's, without its OCR setting). */
  readonly analysisEnvironment: Record<string, string>;
  /** What a function that analyses contracts may do: read contracts and the library, read and write reports. */
  readonly analysisStatements: iam.PolicyStatementProps[];

  constructor(scope: Construct, id: string, props: AnalysisPipelineProps) {
    super(scope, id);
    const { bucket, bucketKey, contractsPrefix, reportsPrefix, libraryKey } = props;

    // A customer-managed key, not alias/aws/sqs: the AWS-managed key's policy cannot be changed,
    // and S3 must be allowed to use the key to deliver notifications to an encrypted queue.
    this.queueKey = new Key(this, 'QueueKey', {
      description: 'ClauseWatch: encrypts the analyze queue and its dead-letter queue',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.queueKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowS3NotificationsToEncryptedQueue',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        // The two operations SQS performs for S3 when it sends to a KMS-encrypted queue.
        // No aws:SourceArn condition: it is not documented as present on the KMS call SQS makes
        // on S3's behalf, and a condition that does not match drops notifications silently.
        // The queue policy below carries the bucket condition instead.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.queueKey,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      visibilityTimeout: Duration.seconds(DEAD_LETTER_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
    });

    const analyzeTimeout = Duration.seconds(props.timeoutSeconds);
    this.queue = new sqs.Queue(this, 'AnalyzeQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.queueKey,
      enforceSSL: true,
      retentionPeriod: ANALYZE_QUEUE_RETENTION,
      visibilityTimeout: Duration.seconds(props.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new EncryptedQueueDestination(this.queue), { prefix: contractsPrefix });

    const bucketArn = bucket.bucketArn;
    const contractObjects = `${bucketArn}/${contractsPrefix}*`;
    const reportObjects = `${bucketArn}/${reportsPrefix}*`;
    const portfolioRowsPrefix = props.portfolioRowsPrefix ?? 'portfolio-rows/';
    const portfolioRowObjects = `${bucketArn}/${portfolioRowsPrefix}*`;
    // Every function that writes a report writes its contract's portfolio row (service/report-store.ts).
    const writePortfolioRows: iam.PolicyStatementProps = { sid: 'WritePortfolioRows', actions: ['s3:PutObject'], resources: [portfolioRowObjects] };
    const libraryObject = `${bucketArn}/${libraryKey}`;
    const commonEnvironment = {
      BUCKET_NAME: bucket.bucketName,
      CONTRACTS_PREFIX: contractsPrefix,
      REPORTS_PREFIX: reportsPrefix,
      PORTFOLIO_ROWS_PREFIX: portfolioRowsPrefix,
      LOG_LEVEL: 'info',
      // Stack traces point into the TypeScript sources rather than the minified bundle.
      NODE_OPTIONS: '--enable-source-maps',
    };

    this.analysisEnvironment = {
      ...commonEnvironment,
      LIBRARY_KEY: libraryKey,
      // The parse runs in a worker capped below the function's memory, leaving room for the
      // handler and the standby worker, so a memory blow-up is reported instead of killing the
      // invocation (and every other document of its batch).
      WORKER_MEMORY_MB: String(Math.max(256, props.memorySize - 512)),
      DOCUMENT_TIMEOUT_SECONDS: String(analyzeTimeout.toSeconds()),
    };
    this.analysisStatements = [
      {
        sid: 'ReadContractsAndLibrary',
        // GetObjectVersion: the S3 event names the version that was uploaded, and reading exactly
        // that version keeps the report consistent with it even if the key is overwritten.
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [contractObjects, libraryObject],
      },
      {
        sid: 'ReadWriteReports',
        // DeleteObject: a fix pack goes when a new report of the same contract leaves nothing to fix.
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [reportObjects],
      },
      writePortfolioRows,
      listBucketStatement(bucketArn),
      bucketKeyStatement(bucketKey),
    ];

    this.analyzeFunction = new HandlerFunction(this, 'AnalyzeFunction', {
      entry: 'functions/analyze/handler.ts',
      description: 'ClauseWatch: analyses an uploaded contract and writes its report',
      memorySize: props.memorySize,
      timeout: analyzeTimeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { ...this.analysisEnvironment, OCR: props.ocr },
      // tesseract.js starts its own worker script and reads its model from node_modules; pages
      // are rendered for it by pdf.js on @napi-rs/canvas, a native module.
      nodeModules: props.ocr === 'tesseract' ? ['tesseract.js', '@tesseract.js-data/eng', '@napi-rs/canvas'] : undefined,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    addStatements(this.analyzeFunction.role, this.analysisStatements);
    this.analyzeFunction.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: ANALYZE_BATCH_SIZE,
        // Only the failed contracts of a batch are retried, not the whole batch.
        reportBatchItemFailures: true,
        // Below the reserved concurrency, so the poller never starts invocations that get throttled.
        maxConcurrency: Math.min(ANALYZE_MAX_CONCURRENCY, props.reservedConcurrency),
      }),
    );

    this.deadLetterFunction = new HandlerFunction(this, 'DeadLetterFunction', {
      entry: 'functions/dead-letter/handler.ts',
      description: 'ClauseWatch: writes an internal-error report for each dead-lettered contract',
      memorySize: DEAD_LETTER_MEMORY_MB,
      timeout: DEAD_LETTER_TIMEOUT,
      environment: commonEnvironment,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    addStatements(this.deadLetterFunction.role, [
      {
        sid: 'ReadContracts',
        // HeadObject (does the contract still exist?) is authorised by s3:GetObject.
        actions: ['s3:GetObject'],
        resources: [contractObjects],
      },
      {
        sid: 'ReadWriteReports',
        // DeleteObject: a fix pack goes when a new report of the same contract leaves nothing to fix.
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [reportObjects],
      },
      writePortfolioRows,
      listBucketStatement(bucketArn),
      bucketKeyStatement(bucketKey),
    ]);
    this.deadLetterFunction.function.addEventSource(
      new SqsEventSource(this.deadLetterQueue, {
        batchSize: DEAD_LETTER_BATCH_SIZE,
        reportBatchItemFailures: true,
        // Dead letters are rare; two concurrent writers are plenty and leave the account pool alone.
        maxConcurrency: 2,
      }),
    );

    // cdk-nag names these findings after the unresolved ARN, e.g. `<ContractsBucketABC123.Arn>/reports/*`.
    const bucketArnToken = `<${Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    for (const fn of [this.analyzeFunction, this.deadLetterFunction]) {
      Validations.of(fn.role).acknowledge(
        {
          id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${contractsPrefix}*]`,
          reason: `Object ARNs are limited to the contracts prefix (${contractsPrefix}*): contract keys are chosen by whoever uploads them and cannot be listed in advance. No action is a wildcard.`,
        },
        {
          id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${reportsPrefix}*]`,
          reason: `Object ARNs are limited to the reports prefix (${reportsPrefix}*): report keys are derived from contract keys, which are not known in advance. No action is a wildcard.`,
        },
        {
          id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${portfolioRowsPrefix}*]`,
          reason: `Object ARNs are limited to the portfolio rows prefix (${portfolioRowsPrefix}*): row keys are derived from contract keys, which are not known in advance. No action is a wildcard.`,
        },
      );
    }
  }
}

/**
 * S3 notification target that delivers to a KMS-encrypted queue with exactly the permissions S3
 * needs. CDK's SqsDestination would also grant sqs:GetQueueAttributes/GetQueueUrl and add a key
 * policy statement with the wildcard action kms:GenerateDataKey*; here the key policy is written
 * once, with explicit actions, by the owner of the key (AnalysisPipeline).
 */
class EncryptedQueueDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.Queue) {}

  bind(_scope: Construct, bucket: s3.IBucketRef): s3.BucketNotificationDestinationConfig {
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowContractsBucketNotifications',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        // Only this bucket, in this account, may send (the confused-deputy guard S3 documents).
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketRef.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this.queue).account },
        },
      }),
    );
    // Depending on the queue also orders the notification after the queue policy (its child),
    // which S3 checks when the notification configuration is written.
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
