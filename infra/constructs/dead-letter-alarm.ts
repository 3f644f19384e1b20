import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Properties of {@link DeadLetterAlarm}. */
export interface DeadLetterAlarmProps {
  /** The queue whose messages mean "a contract could not be analysed". */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * Address subscribed to the alarm topic. The subscription must be confirmed from the e-mail
   * AWS sends after deployment.
   * @default - no subscription; subscribe to the topic (output AlarmTopicArn) by other means
   */
  readonly alarmEmail?: string;
  /** What happens to the topic key when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Alarms as soon as any message reaches the dead-letter queue, and notifies an encrypted SNS topic.
 *
 * The alarm watches two DLQ metrics, not only ApproximateNumberOfMessagesVisible: DeadLetterFunction
 * long-polls the DLQ and receives a message within moments, so the visible count is rarely non-zero
 * when SQS samples it once a minute. NumberOfMessagesReceived counts those receives, so it catches
 * every dead-lettered message while the consumer works; the visible count catches messages piling
 * up when the consumer is broken or disabled. (NumberOfMessagesSent would not work: messages moved
 * by a redrive policy are not counted as sent.)
 */
export class DeadLetterAlarm extends Construct {
  /** Fires when the DLQ has received or holds at least one message within a minute. */
  readonly alarm: cloudwatch.Alarm;
  /** Receives the alarm's ALARM and OK notifications. */
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: DeadLetterAlarmProps) {
    super(scope, id);
    const period = Duration.minutes(1);

    const topicKey = new Key(this, 'TopicKey', {
      description: 'ClauseWatch: encrypts dead-letter alarm notifications',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // Without this, CloudWatch cannot publish to the encrypted topic and alarm notifications are
    // dropped without any error. The key encrypts nothing but this topic.
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'ClauseWatch dead-letter alarm',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    const visible = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    const received = props.deadLetterQueue.metricNumberOfMessagesReceived({
      period,
      statistic: cloudwatch.Stats.SUM,
    });
    this.alarm = new cloudwatch.MathExpression({
      // SQS stops reporting metrics for an idle queue; FILL makes a missing point count as zero
      // instead of blanking the sum.
      expression: 'FILL(visible, 0) + FILL(received, 0)',
      usingMetrics: { visible, received },
      period,
      label: 'Dead-lettered contracts',
    }).createAlarm(this, 'Alarm', {
      alarmDescription:
        'A contract failed analysis repeatedly and was dead-lettered; DeadLetterFunction writes an internal-error report for it. Check the AnalyzeFunction logs.',
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      // No data means an idle queue, which is the healthy state.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    this.alarm.addAlarmAction(action);
    this.alarm.addOkAction(action);

    // The topic policy that enforceSSL creates replaces SNS's default policy, so CloudWatch must be
    // allowed explicitly, and only for this alarm.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowDeadLetterAlarmToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.alarm.alarmArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}
