import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** Adds each statement to a role's own policy (one statement per purpose, each with its sid). */
export function addStatements(role: iam.IRole, statements: iam.PolicyStatementProps[]): void {
  for (const statement of statements) role.addToPrincipalPolicy(new iam.PolicyStatement(statement));
}

/**
 * s3:ListBucket on the bucket itself. S3 answers a GetObject/HeadObject for a missing key with
 * 404 (NoSuchKey) only when the caller may list the bucket, and with 403 otherwise; the handlers
 * must tell "no custom clause library uploaded" or "contract deleted before analysis" from a
 * permission problem. There is no `s3:prefix` condition: how S3 evaluates a prefix-conditioned
 * ListBucket when deciding 404 vs 403 for GetObject (which carries no prefix) is undocumented,
 * and a wrong guess turns every "not found" into "access denied". Listing reveals key names
 * only, in a bucket that holds nothing but contracts, reports, job records and the clause library.
 */
export function listBucketStatement(bucketArn: string): iam.PolicyStatementProps {
  return { sid: 'ListBucketForNotFoundErrors', actions: ['s3:ListBucket'], resources: [bucketArn] };
}

/** Reading SSE-KMS objects needs kms:Decrypt; writing them needs kms:GenerateDataKey. */
export function bucketKeyStatement(key: kms.IKey): iam.PolicyStatementProps {
  return { sid: 'UseBucketKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] };
}
