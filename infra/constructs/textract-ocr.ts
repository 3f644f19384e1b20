import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function.js';
import { addStatements } from './policies.js';

/** Attempts per completion notice before it is dead-lettered (and the upload gets an `internal` report). */
const MAX_RECEIVE_COUNT = 3;
/** Completion notices handed to one OcrResultsFunction invocation: each one re-analyses a document. */
const RESULTS_BATCH_SIZE = 1;
/** Upper bound of concurrent OcrResultsFunction invocations. */
const RESULTS_MAX_CONCURRENCY = 5;
/** As for the analyze queue: at least six times the function timeout. */
const VISIBILITY_TIMEOUT_FACTOR = 6;
/** How often OcrResultsFunction checks the jobs whose notice is overdue (a lost notice must not leave a scan without a report). */
const OVERDUE_CHECK_INTERVAL = Duration.hours(1);
/** Kept shorter than the dead-letter queue's 14 days, so a notice never expires on arrival there. */
const RESULTS_QUEUE_RETENTION = Duration.days(4);

/** Properties of {@link TextractOcr}. */
export interface TextractOcrProps {
  /** Bucket holding contracts, reports and the job records. */
  readonly bucket: s3.Bucket;
  /** Key prefixes of contracts and reports (named in the policy acknowledgements). */
  readonly contractsPrefix: string;
  readonly reportsPrefix: string;
  /** Key prefix of the records of running OCR jobs; ends in `/`. */
  readonly ocrJobsPrefix: string;
  /** Key prefix of the text OCR read of each document (by SHA-256), so the same bytes are read once; ends in `/`. */
  readonly ocrTextPrefix: string;
  /** Starts the jobs (it gets permission to, and the settings it needs). */
  readonly analyzeFunction: HandlerFunction;
  /** Writes an `internal` report for a notice that failed every attempt (it gets permission to read and remove job records). */
  readonly deadLetterFunction: HandlerFunction;
  /** Where notices that failed {@link MAX_RECEIVE_COUNT} times go: the pipeline's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** OcrResultsFunction analyses a document like AnalyzeFunction: the same settings and S3 permissions as the analysis pipeline gives it. */
  readonly analysisEnvironment: Record<string, string>;
  readonly analysisStatements: iam.PolicyStatementProps[];
  /** OcrResultsFunction memory and timeout, AnalyzeFunction's. */
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Scanned pages read by Amazon Textract. AnalyzeFunction starts an asynchronous text-detection
 * job (StartDocumentTextDetection) on the uploaded version and records it under the OCR jobs
 * prefix; Textract announces the end on CompletionTopic (publishing with PublishRole), which
 * delivers raw to ResultsQueue; OcrResultsFunction fetches the text (GetDocumentTextDetection),
 * analyses the upload with it and writes its report. A failed job gets an `ocr_failed` report; a
 * notice that keeps failing reaches the dead-letter queue and an `internal` report; every hour
 * OverdueJobsSchedule has OcrResultsFunction ask Textract about jobs whose notice is an hour late
 * (finishing them, or giving up after a day with an `ocr_failed` report).
 */
export class TextractOcr extends Construct {
  /** Encrypts the completion topic. */
  readonly topicKey: Key;
  /** Encrypts the results queue (a key of its own: its policy names the topic, which names its key). */
  readonly queueKey: Key;
  readonly topic: sns.Topic;
  /** The role Textract assumes to publish to {@link topic}. */
  readonly publishRole: iam.Role;
  readonly resultsQueue: sqs.Queue;
  readonly resultsFunction: HandlerFunction;
  /** Runs OcrResultsFunction's check of overdue jobs. */
  readonly overdueCheck: events.Rule;

  constructor(scope: Construct, id: string, props: TextractOcrProps) {
    super(scope, id);
    const { bucket, contractsPrefix, reportsPrefix, ocrJobsPrefix, ocrTextPrefix } = props;
    const account = Stack.of(this).account;

    this.topicKey = new Key(this, 'TopicKey', {
      description: 'ClauseWatch: encrypts the OCR completion topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.queueKey = new Key(this, 'QueueKey', {
      description: 'ClauseWatch: encrypts the OCR results queue',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.topic = new sns.Topic(this, 'CompletionTopic', { displayName: 'ClauseWatch OCR jobs finished', masterKey: this.topicKey, enforceSSL: true });

    this.publishRole = new iam.Role(this, 'PublishRole', {
      description: 'Assumed by Amazon Textract to announce finished ClauseWatch OCR jobs',
      // Only Textract acting for this account (the confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('textract.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
    });
    this.publishRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishCompletions', actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
    this.publishRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'EncryptCompletions', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.topicKey.keyArn] }),
    );

    const timeout = Duration.seconds(props.timeoutSeconds);
    this.resultsQueue = new sqs.Queue(this, 'ResultsQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.queueKey,
      enforceSSL: true,
      retentionPeriod: RESULTS_QUEUE_RETENTION,
      visibilityTimeout: Duration.seconds(props.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    // Raw delivery: the message body is Textract's notice itself, not an SNS envelope around it.
    this.topic.addSubscription(new SqsSubscription(this.resultsQueue, { rawMessageDelivery: true }));

    const bucketArn = bucket.bucketArn;
    const jobRecords = `${bucketArn}/${ocrJobsPrefix}*`;
    const ocrTexts = `${bucketArn}/${ocrTextPrefix}*`;
    const jobSettings = {
      OCR_JOBS_PREFIX: ocrJobsPrefix,
      OCR_TEXT_PREFIX: ocrTextPrefix,
      TEXTRACT_TOPIC_ARN: this.topic.topicArn,
      TEXTRACT_ROLE_ARN: this.publishRole.roleArn,
    };
    for (const [name, value] of Object.entries(jobSettings)) props.analyzeFunction.function.addEnvironment(name, value);
    props.deadLetterFunction.function.addEnvironment('OCR_JOBS_PREFIX', ocrJobsPrefix);
    addStatements(props.analyzeFunction.role, [
      // Textract reads the upload with the caller's permissions (s3:GetObject(Version) and kms:Decrypt, granted by the pipeline).
      { sid: 'StartTextDetection', actions: ['textract:StartDocumentTextDetection'], resources: ['*'] },
      {
        sid: 'PassPublishRoleToTextract',
        actions: ['iam:PassRole'],
        resources: [this.publishRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      },
      { sid: 'RecordOcrJobs', actions: ['s3:PutObject'], resources: [jobRecords] },
      // A document read by OCR before (a rescan) is analysed with the kept text, without a new job.
      { sid: 'ReadKeptOcrText', actions: ['s3:GetObject'], resources: [ocrTexts] },
    ]);
    addStatements(props.deadLetterFunction.role, [{ sid: 'CloseOcrJobs', actions: ['s3:GetObject', 's3:DeleteObject'], resources: [jobRecords] }]);

    this.resultsFunction = new HandlerFunction(this, 'ResultsFunction', {
      entry: 'functions/ocr-results/handler.ts',
      description: 'ClauseWatch: analyses a scanned contract with the text Amazon Textract read and writes its report',
      memorySize: props.memorySize,
      timeout,
      environment: { ...props.analysisEnvironment, OCR_JOBS_PREFIX: ocrJobsPrefix, OCR_TEXT_PREFIX: ocrTextPrefix },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    addStatements(this.resultsFunction.role, [
      { sid: 'GetTextDetection', actions: ['textract:GetDocumentTextDetection'], resources: ['*'] },
      ...props.analysisStatements,
      { sid: 'CloseOcrJobs', actions: ['s3:GetObject', 's3:DeleteObject'], resources: [jobRecords] },
      { sid: 'KeepOcrText', actions: ['s3:PutObject'], resources: [ocrTexts] },
    ]);
    this.resultsFunction.function.addEventSource(
      new SqsEventSource(this.resultsQueue, { batchSize: RESULTS_BATCH_SIZE, reportBatchItemFailures: true, maxConcurrency: RESULTS_MAX_CONCURRENCY }),
    );

    this.overdueCheck = new events.Rule(this, 'OverdueJobsSchedule', {
      description: 'ClauseWatch: finishes OCR jobs whose completion notice is overdue',
      schedule: events.Schedule.rate(OVERDUE_CHECK_INTERVAL),
      targets: [new eventTargets.LambdaFunction(this.resultsFunction.function)],
    });

    const bucketArnToken = `<${Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    const textractReason =
      "Amazon Textract's text-detection actions (StartDocumentTextDetection, GetDocumentTextDetection) support no resource-level permissions: the Service Authorization Reference lists no resource type for them, so the resource must be *. The actions themselves are named, not wildcarded.";
    const prefixReason = (prefix: string, what: string) =>
      `Object ARNs are limited to the ${what} prefix (${prefix}*): its keys are derived from upload keys, job ids or document hashes, which are not known in advance. No action is a wildcard.`;
    Validations.of(props.analyzeFunction.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: textractReason },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${ocrJobsPrefix}*]`, reason: prefixReason(ocrJobsPrefix, 'OCR job records') },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${ocrTextPrefix}*]`, reason: prefixReason(ocrTextPrefix, 'kept OCR text') },
    );
    Validations.of(props.deadLetterFunction.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${ocrJobsPrefix}*]`,
      reason: prefixReason(ocrJobsPrefix, 'OCR job records'),
    });
    Validations.of(this.resultsFunction.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: textractReason },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${contractsPrefix}*]`, reason: prefixReason(contractsPrefix, 'contracts') },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${reportsPrefix}*]`, reason: prefixReason(reportsPrefix, 'reports') },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${ocrJobsPrefix}*]`, reason: prefixReason(ocrJobsPrefix, 'OCR job records') },
      { id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${ocrTextPrefix}*]`, reason: prefixReason(ocrTextPrefix, 'kept OCR text') },
      ...(props.analysisEnvironment.PORTFOLIO_ROWS_PREFIX
        ? [
            {
              id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${props.analysisEnvironment.PORTFOLIO_ROWS_PREFIX}*]`,
              reason: prefixReason(props.analysisEnvironment.PORTFOLIO_ROWS_PREFIX, 'portfolio rows'),
            },
          ]
        : []),
    );
  }
}
