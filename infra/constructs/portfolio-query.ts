import { Aws, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { portfolioGlueColumns } from '../../lib/portfolio/columns.js';
import { PORTFOLIO_SHARDS } from '../../lib/portfolio/record.js';

/** The shard partition's values, `00` … `ff`: the first byte of a hash of the contract name (lib/portfolio/record.ts). */
export const SHARD_VALUES = Array.from({ length: PORTFOLIO_SHARDS }, (_, index) => index.toString(16).padStart(2, '0'));

/** Properties of {@link PortfolioQuery}. */
export interface PortfolioQueryProps {
  /** The contracts bucket, which holds the portfolio rows. */
  readonly bucket: s3.IBucket;
  /** Its key: reading the rows needs kms:Decrypt. */
  readonly bucketKey: kms.IKey;
  /** Key prefix of the portfolio rows; ends in `/`. */
  readonly portfolioRowsPrefix: string;
  /** Receives the results bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Glue database name (lower case, digits, underscores).
   * @default 'clausewatch'
   */
  readonly databaseName?: string;
  /**
   * Glue table name.
   * @default 'portfolio_rows'
   */
  readonly tableName?: string;
  /**
   * Athena workgroup name.
   * @default 'clausewatch-portfolio'
   */
  readonly workgroupName?: string;
  /**
   * Most bytes one query may scan before Athena cancels it. A full portfolio of 200,000 contracts
   * scans about 200 MB (rows of about 1 KB).
   * @default 10 GiB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * How long query results are kept in the results bucket.
   * @default Duration.days(30)
   */
  readonly resultsRetention?: Duration;
  /** What happens to the results bucket and its key when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The portfolio as a query: a Glue table over the portfolio rows (JSON, one object per contract,
 * partitioned by hash shard with partition projection, so no crawler and no partition upkeep), an
 * Athena workgroup whose settings users cannot override (encrypted results in a dedicated bucket, a
 * bytes-scanned cutoff), and a managed policy with exactly what running the portfolio query needs.
 */
export class PortfolioQuery extends Construct {
  readonly database: glue.CfnDatabase;
  readonly table: glue.CfnTable;
  readonly workgroup: athena.CfnWorkGroup;
  readonly resultsBucket: s3.Bucket;
  readonly resultsKey: kms.Key;
  /** Attach to the people and tools that run `npm run portfolio -- s3://bucket --athena`. */
  readonly queryPolicy: iam.ManagedPolicy;
  readonly databaseName: string;
  readonly tableName: string;
  readonly workgroupName: string;

  constructor(scope: Construct, id: string, props: PortfolioQueryProps) {
    super(scope, id);
    this.databaseName = props.databaseName ?? 'clausewatch';
    this.tableName = props.tableName ?? 'portfolio_rows';
    this.workgroupName = props.workgroupName ?? 'clausewatch-portfolio';
    const { bucket, portfolioRowsPrefix } = props;
    const rowsLocation = `s3://${bucket.bucketName}/${portfolioRowsPrefix}`;

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'ClauseWatch: the portfolio rows, for Athena' },
    });

    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description: 'ClauseWatch: one row per contract (schema/portfolio-row.schema.json), written beside each report',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'shard', type: 'string', comment: 'First byte of a SHA-256 of the contract name, 00-ff' }],
        parameters: {
          classification: 'json',
          EXTERNAL: 'TRUE',
          // Partition projection: Athena works out the 256 shard folders itself; no crawler, no MSCK REPAIR.
          'projection.enabled': 'true',
          'projection.shard.type': 'enum',
          'projection.shard.values': SHARD_VALUES.join(','),
          'storage.location.template': `${rowsLocation}shard=\${shard}/`,
        },
        storageDescriptor: {
          location: rowsLocation,
          columns: portfolioGlueColumns(),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            // A row that does not parse fails the query rather than silently dropping a contract.
            parameters: { 'ignore.malformed.json': 'FALSE', 'case.insensitive': 'TRUE' },
          },
        },
      },
    });
    this.table.addResourceDependency(this.database);

    // A key of its own: who may read query results is decided apart from who may read contracts.
    this.resultsKey = new kms.Key(this, 'ResultsKey', {
      description: 'ClauseWatch: encrypts portfolio query results',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.resultsBucket = new s3.Bucket(this, 'ResultsBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.resultsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'query-results-bucket/',
      lifecycleRules: [
        // Results are copies of the portfolio: kept only as long as someone may re-download one.
        { id: 'ExpireQueryResults', expiration: props.resultsRetention ?? Duration.days(30) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: props.removalPolicy,
    });

    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workgroupName,
      description: 'ClauseWatch: the portfolio query',
      state: 'ENABLED',
      workGroupConfiguration: {
        // Clients cannot send results elsewhere or unencrypted, nor lift the cutoff.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
        },
      },
    });

    const stack = Stack.of(this);
    const arn = (service: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    const rowObjects = `${bucket.bucketArn}/${portfolioRowsPrefix}*`;
    const resultObjects = this.resultsBucket.arnForObjects('*');
    this.queryPolicy = new iam.ManagedPolicy(this, 'QueryPolicy', {
      description: 'ClauseWatch: run the portfolio query in Athena (npm run portfolio -- s3://bucket --athena)',
      statements: [
        new iam.PolicyStatement({
          sid: 'RunPortfolioQuery',
          actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
          resources: [arn('athena', `workgroup/${this.workgroupName}`)],
        }),
        new iam.PolicyStatement({
          sid: 'ReadPortfolioTable',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
          resources: [arn('glue', 'catalog'), arn('glue', `database/${this.databaseName}`), arn('glue', `table/${this.databaseName}/${this.tableName}`)],
        }),
        new iam.PolicyStatement({ sid: 'ReadPortfolioRows', actions: ['s3:GetObject'], resources: [rowObjects] }),
        new iam.PolicyStatement({
          sid: 'ListPortfolioRows',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [portfolioRowsPrefix, `${portfolioRowsPrefix}*`] } },
        }),
        new iam.PolicyStatement({
          sid: 'WriteQueryResults',
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [resultObjects],
        }),
        new iam.PolicyStatement({ sid: 'ListQueryResults', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [this.resultsBucket.bucketArn] }),
        new iam.PolicyStatement({ sid: 'DecryptPortfolioRows', actions: ['kms:Decrypt'], resources: [props.bucketKey.keyArn] }),
        new iam.PolicyStatement({ sid: 'EncryptQueryResults', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.resultsKey.keyArn] }),
      ],
    });
    const bucketArnToken = `<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    const resultsArnToken = `<${stack.getLogicalId(this.resultsBucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(this.queryPolicy).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${portfolioRowsPrefix}*]`,
        reason: `Object ARNs are limited to the portfolio rows (${portfolioRowsPrefix}*): one object per contract, named after it. No action is a wildcard.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${resultsArnToken}/*]`,
        reason: 'Athena names each result object after its query id; the bucket holds nothing but query results. No action is a wildcard.',
      },
    );
  }
}
