import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLayoutProblems, settingsFromContext } from '../../infra/config.js';
import { SHARD_VALUES } from '../../infra/constructs/portfolio-query.js';
import { portfolioGlueColumns } from '../../lib/portfolio/columns.js';
import { PortfolioRecord } from '../../lib/portfolio/record.js';
import { asArray, type CfnResource, referencedId, render, single, synthesize } from './synth.js';

/** How `render` shows the pseudo parameters of an ARN. */
const ARN = `arn:\${AWS::Partition}`;
const REGION_ACCOUNT = `\${AWS::Region}:\${AWS::AccountId}`;

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

describe('PortfolioQuery: the portfolio as an Athena query', () => {
  let template: Template;
  let bucketId: string;
  beforeAll(() => {
    ({ template } = synthesize());
    [bucketId] = single(template, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
  });

  it('has a Glue table over portfolio-rows/ with the JSON SerDe, the row schema as its columns and projected shards', () => {
    const [, table] = single(template, 'AWS::Glue::Table');
    const input = table.Properties!.TableInput as Record<string, any>;
    expect(input.Name).toBe('portfolio_rows');
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.PartitionKeys).toEqual([expect.objectContaining({ Name: 'shard', Type: 'string' })]);
    // Generated from the zod schema: every field, in order, and nothing else.
    expect(input.StorageDescriptor.Columns.map((column: { Name: string }) => column.Name)).toEqual(Object.keys(PortfolioRecord.shape));
    expect(input.StorageDescriptor.Columns).toEqual(portfolioGlueColumns().map((column) => ({ Name: column.name, Type: column.type })));
    expect(input.StorageDescriptor.Columns).toContainEqual({ Name: 'verdicts', Type: 'map<string,string>' });
    expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    expect(render(input.StorageDescriptor.Location)).toBe(`s3://\${${bucketId}}/portfolio-rows/`);
    expect(input.Parameters['projection.enabled']).toBe('true');
    expect(input.Parameters['projection.shard.type']).toBe('enum');
    expect(input.Parameters['projection.shard.values'].split(',')).toHaveLength(256);
    expect(input.Parameters['projection.shard.values']).toBe(SHARD_VALUES.join(','));
    expect(render(input.Parameters['storage.location.template'])).toBe(`s3://\${${bucketId}}/portfolio-rows/shard=\${shard}/`);
    expect(Object.keys(template.findResources('AWS::Glue::Crawler'))).toEqual([]);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'clausewatch' } });
  });

  it('has a workgroup whose enforced settings encrypt results with KMS in the results bucket and cut off large scans', () => {
    const [, workgroup] = single(template, 'AWS::Athena::WorkGroup');
    const configuration = workgroup.Properties!.WorkGroupConfiguration as Record<string, any>;
    expect(workgroup.Properties!.Name).toBe('clausewatch-portfolio');
    expect(configuration.EnforceWorkGroupConfiguration).toBe(true);
    expect(configuration.BytesScannedCutoffPerQuery).toBe(10 * 1024 ** 3);
    expect(configuration.ResultConfiguration.EncryptionConfiguration.EncryptionOption).toBe('SSE_KMS');
    const resultsBucketId = render(configuration.ResultConfiguration.OutputLocation).match(/^s3:\/\/\$\{(\w+)\}\/$/)![1]!;
    const resultsKeyId = referencedId(configuration.ResultConfiguration.EncryptionConfiguration.KmsKey);
    template.hasResource('AWS::KMS::Key', Match.anyValue());
    expect((template.toJSON().Resources[resultsKeyId] as CfnResource).Properties!.EnableKeyRotation).toBe(true);

    const results = template.toJSON().Resources[resultsBucketId] as CfnResource;
    expect(results.Type).toBe('AWS::S3::Bucket');
    const encryption = (results.Properties!.BucketEncryption as any).ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(encryption.SSEAlgorithm).toBe('aws:kms');
    expect(referencedId(encryption.KMSMasterKeyID)).toBe(resultsKeyId);
    expect(results.Properties!.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect((results.Properties!.LifecycleConfiguration as any).Rules).toContainEqual({ Id: 'ExpireQueryResults', ExpirationInDays: 30, Status: 'Enabled' });
    // enforceSSL: the bucket policy denies requests without TLS.
    const policies = template.findResources('AWS::S3::BucketPolicy');
    const resultsPolicy = Object.values(policies).find((policy) => referencedId((policy.Properties as any).Bucket) === resultsBucketId)!;
    expect((resultsPolicy.Properties as any).PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('grants those who run the query exactly its actions, on its workgroup, table, rows and results, and no wildcard action', () => {
    const [, policy] = single(template, 'AWS::IAM::ManagedPolicy');
    const statements = (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
    const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
    for (const statement of statements) for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
    expect(asArray(bySid.RunPortfolioQuery!.Action).sort()).toEqual([
      'athena:GetQueryExecution',
      'athena:GetQueryResults',
      'athena:StartQueryExecution',
      'athena:StopQueryExecution',
    ]);
    expect(asArray(bySid.RunPortfolioQuery!.Resource).map(render)).toEqual([`${ARN}:athena:${REGION_ACCOUNT}:workgroup/clausewatch-portfolio`]);
    expect(asArray(bySid.ReadPortfolioTable!.Resource).map(render)).toEqual([
      `${ARN}:glue:${REGION_ACCOUNT}:catalog`,
      `${ARN}:glue:${REGION_ACCOUNT}:database/clausewatch`,
      `${ARN}:glue:${REGION_ACCOUNT}:table/clausewatch/portfolio_rows`,
    ]);
    expect(asArray(bySid.ReadPortfolioTable!.Action).sort()).toEqual(['glue:GetDatabase', 'glue:GetPartitions', 'glue:GetTable']);
    expect(asArray(bySid.ReadPortfolioRows!.Resource).map(render)).toEqual([`\${${bucketId}.Arn}/portfolio-rows/*`]);
    expect(bySid.ListPortfolioRows!.Condition).toEqual({ StringLike: { 's3:prefix': ['portfolio-rows/', 'portfolio-rows/*'] } });
    expect(asArray(bySid.ListPortfolioRows!.Resource).map(render)).toEqual([`\${${bucketId}.Arn}`]);
    expect(asArray(bySid.EncryptQueryResults!.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(bySid.DecryptPortfolioRows!.Action).toBe('kms:Decrypt');
    // Nothing anywhere in the policy is a bare "*" resource.
    for (const statement of statements) expect(asArray(statement.Resource).map(render)).not.toContain('*');
  });

  it('lets every function that writes reports write portfolio rows, and only there', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const writers = policies.filter((policy) =>
      ((policy.Properties as any).PolicyDocument.Statement as Statement[]).some((statement) => statement.Sid === 'WritePortfolioRows'),
    );
    expect(writers.length).toBe(3);
    for (const policy of writers) {
      const statement = ((policy.Properties as any).PolicyDocument.Statement as Statement[]).find((candidate) => candidate.Sid === 'WritePortfolioRows')!;
      expect(statement.Action).toBe('s3:PutObject');
      expect(asArray(statement.Resource).map(render)).toEqual([`\${${bucketId}.Arn}/portfolio-rows/*`]);
    }
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ PORTFOLIO_ROWS_PREFIX: 'portfolio-rows/' }) } });
  });

  it('outputs the workgroup and table names, and can be left out', () => {
    template.hasOutput('PortfolioWorkGroupName', { Value: 'clausewatch-portfolio' });
    template.hasOutput('PortfolioTableName', { Value: 'clausewatch.portfolio_rows' });
    const without = synthesize({ portfolioQuery: false }).template;
    expect(Object.keys(without.findResources('AWS::Athena::WorkGroup'))).toEqual([]);
    expect(Object.keys(without.findResources('AWS::Glue::Table'))).toEqual([]);
  });

  it('is switched off with -c portfolioQuery=false, and no contracts prefix may cover the rows (they would be analysed)', () => {
    expect(settingsFromContext((key) => (key === 'portfolioQuery' ? 'false' : undefined)).portfolioQuery).toBe(false);
    expect(settingsFromContext(() => undefined).portfolioQuery).toBeUndefined();
    expect(findLayoutProblems('portfolio-rows/', 'reports/')).toContainEqual(expect.stringContaining('portfolio rows prefix "portfolio-rows/"'));
    expect(findLayoutProblems('contracts/', 'reports/')).toEqual([]);
  });
});
