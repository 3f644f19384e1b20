/**
 * cdk-nag wiring. Acknowledgements of our own resources live next to the resources (in the
 * constructs); this file covers the resources CDK creates on its own.
 */
import { Validations, type App, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Registers the AWS Solutions rule pack as a validation plugin: `app.synth()` (and therefore
 * `cdk synth`) fails on any finding that is not acknowledged with a reason.
 */
export function addNagChecks(app: App): AwsSolutionsChecks {
  const pack = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(pack);
  return pack;
}

/**
 * Prefix of the construct id of the singleton Lambda function that `Bucket.addEventNotification`
 * adds to the stack to write the bucket's notification configuration (a CloudFormation custom
 * resource, because the queue policy references the bucket).
 */
const BUCKET_NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler';

/** Acknowledges the findings on resources CDK generates and we cannot configure. */
export function acknowledgeCdkManagedResources(stack: Stack): void {
  const handlers: IConstruct[] = stack.node.children.filter((child) => child.node.id.startsWith(BUCKET_NOTIFICATIONS_HANDLER_ID));
  for (const handler of handlers) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK-generated BucketNotificationsHandler, which runs only during deployment to write the bucket notification configuration; CDK creates its role with this managed policy (CloudWatch Logs writes only) and offers no way to replace it. Its one other permission, s3:PutBucketNotification, is scoped to the contracts bucket.',
    });
  }
}
