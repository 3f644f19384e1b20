import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { settingsFromContext } from '../../infra/config.js';
import { addNagChecks } from '../../infra/nag.js';
import { WebConsole } from '../../infra/constructs/web-console.js';
import { asArray, buildApp, type CfnResource, referencedId, render, synthesize, type Synthesized } from './synth.js';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** CloudFront's managed policies, by their fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function statementsOfRole(synth: Synthesized, roleId: string): Statement[] {
  return Object.values(synth.template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).map(referencedId).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function idOf(synth: Synthesized, type: string, name: string): string {
  const ids = Object.keys(synth.template.findResources(type)).filter((id) => id.includes(name));
  if (ids.length !== 1) throw new Error(`expected one ${type} named *${name}*, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

/** Files named `name` anywhere under `directory` (the staged assets of a synthesized app). */
function findFiles(directory: string, name: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(directory, file));
}

const resourcesOf = (statement: Statement) => asArray(statement.Resource).map(render);

describe('web console (default: on)', () => {
  let synth: Synthesized;
  let resources: Record<string, CfnResource>;
  let distribution: Record<string, unknown>;
  let distributionId: string;
  let userPoolId: string;
  let clientId: string;
  let functionId: string;
  let contractsBucketId: string;

  beforeAll(() => {
    synth = synthesize();
    resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
    distributionId = idOf(synth, 'AWS::CloudFront::Distribution', 'Console');
    distribution = resources[distributionId]!.Properties!.DistributionConfig as Record<string, unknown>;
    userPoolId = idOf(synth, 'AWS::Cognito::UserPool', 'Console');
    clientId = idOf(synth, 'AWS::Cognito::UserPoolClient', 'Console');
    functionId = idOf(synth, 'AWS::Lambda::Function', 'ConsoleApiFunction');
    contractsBucketId = idOf(synth, 'AWS::S3::Bucket', 'ContractsBucket');
  });

  describe('CloudFront', () => {
    it('serves the site bucket through Origin Access Control, HTTPS only, with index.html at the root', () => {
      const oacId = idOf(synth, 'AWS::CloudFront::OriginAccessControl', 'Console');
      expect(resources[oacId]!.Properties!.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      });
      expect(distribution.DefaultRootObject).toBe('index.html');
      const defaultBehavior = distribution.DefaultCacheBehavior as Record<string, unknown>;
      expect(defaultBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(defaultBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
      const siteOrigin = (distribution.Origins as Array<Record<string, unknown>>).find((origin) => origin.Id === defaultBehavior.TargetOriginId)!;
      expect(referencedId(siteOrigin.OriginAccessControlId)).toBe(oacId);
      expect(siteOrigin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      const siteBucketId = referencedId((siteOrigin.DomainName as Record<string, unknown>) ?? {});
      expect(siteBucketId).toContain('ConsoleSiteBucket');
      // Only this distribution may read the site bucket; nothing is public.
      const policy = Object.values(synth.template.findResources('AWS::S3::BucketPolicy')).find(
        (candidate) => referencedId(candidate.Properties.Bucket) === siteBucketId,
      )!;
      const statements = policy.Properties.PolicyDocument.Statement as Statement[];
      const read = statements.find((statement) => statement.Effect === 'Allow')!;
      expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(read.Action).toBe('s3:GetObject');
      expect(render(read.Condition!.StringEquals!['AWS:SourceArn'])).toContain(distributionId);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(resources[siteBucketId]!.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: { LogFilePrefix: 'console-site/' },
      });
    });

    it('sends /api/* to the HTTP API uncached, HTTPS only, with the viewer’s headers except Host', () => {
      const [api] = distribution.CacheBehaviors as Array<Record<string, unknown>>;
      expect(api).toMatchObject({
        PathPattern: '/api/*',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      });
      const origin = (distribution.Origins as Array<Record<string, unknown>>).find((candidate) => candidate.Id === api!.TargetOriginId)!;
      expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
      const domain = render(origin.DomainName);
      expect(domain).toMatch(/\.execute-api\.\$\{AWS::Region\}\.amazonaws\.com$/);
      expect(domain).toContain(idOf(synth, 'AWS::ApiGatewayV2::Api', 'Console'));
    });

    it('adds a strict CSP, HSTS, no framing, nosniff and no referrer to every response', () => {
      const policyId = idOf(synth, 'AWS::CloudFront::ResponseHeadersPolicy', 'Console');
      const headers = (resources[policyId]!.Properties!.ResponseHeadersPolicyConfig as Record<string, Record<string, Record<string, unknown>>>)
        .SecurityHeadersConfig!;
      const csp = render(headers.ContentSecurityPolicy!.ContentSecurityPolicy);
      const directives = Object.fromEntries(csp.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
      expect(directives['default-src']).toEqual(["'none'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['style-src']).toEqual(["'self'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['base-uri']).toEqual(["'none'"]);
      expect(directives['form-action']).toEqual(["'none'"]);
      // The API is same-origin; uploads go to S3 in the stack's region; tokens come from the sign-in domain.
      expect(directives['connect-src']).toEqual([
        "'self'",
        `https://*.s3.\${AWS::Region}.amazonaws.com`,
        `https://\${${idOf(synth, 'AWS::Cognito::UserPoolDomain', 'Console')}}.auth.\${AWS::Region}.amazoncognito.com`,
      ]);
      expect(csp).not.toContain('unsafe');
      expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
      const behaviors = [distribution.DefaultCacheBehavior, ...(distribution.CacheBehaviors as unknown[])] as Array<Record<string, unknown>>;
      for (const behavior of behaviors) expect(referencedId(behavior.ResponseHeadersPolicyId)).toBe(policyId);
    });
  });

  describe('Cognito', () => {
    it('lets only administrators create users, with optional TOTP MFA and a strong password policy', () => {
      expect(resources[userPoolId]!.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
        UsernameAttributes: ['email'],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        DeletionProtection: 'ACTIVE',
      });
      expect(resources[userPoolId]!.Properties!.Schema).toContainEqual(expect.objectContaining({ Name: 'team', AttributeDataType: 'String', Mutable: true }));
      expect(resources[userPoolId]!.DeletionPolicy).toBe('Retain');
    });

    it('has an SPA client: authorization code (with PKCE, no secret), callback to the console, team readable but not writable', () => {
      const client = resources[clientId]!.Properties!;
      expect(client).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: expect.arrayContaining(['openid', 'email']),
        SupportedIdentityProviders: ['COGNITO'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      });
      expect(referencedId(client.UserPoolId)).toBe(userPoolId);
      const callback = (client.CallbackURLs as unknown[]).map(render);
      expect(callback).toEqual([`https://\${${distributionId}.DomainName}/`]);
      expect(client.ReadAttributes).toContain('custom:team');
      expect(client.WriteAttributes).toEqual(['name']);
    });
  });

  describe('HTTP API', () => {
    it('guards every route with a JWT authorizer on the user pool and the console client', () => {
      const authorizerId = idOf(synth, 'AWS::ApiGatewayV2::Authorizer', 'Console');
      const authorizer = resources[authorizerId]!.Properties!;
      expect(authorizer.AuthorizerType).toBe('JWT');
      expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
      const jwt = authorizer.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
      expect(jwt.Audience.map(referencedId)).toEqual([clientId]);
      expect(render(jwt.Issuer)).toBe(`https://cognito-idp.\${AWS::Region}.amazonaws.com/\${${userPoolId}}`);
      const routes = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
      expect(routes.map((route) => route.RouteKey).sort()).toEqual([
        'GET /api/config',
        'GET /api/contracts',
        'GET /api/portfolio.csv',
        'GET /api/portfolio.html',
        'GET /api/portfolio.xlsx',
        'POST /api/uploads',
      ]);
      for (const route of routes) {
        expect(route.AuthorizationType).toBe('JWT');
        expect(referencedId(route.AuthorizerId)).toBe(authorizerId);
        const integration = resources[referencedId(route.Target['Fn::Join'][1][1])]!.Properties!;
        expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
        expect(render(integration.IntegrationUri)).toContain(functionId);
      }
    });

    it('throttles and access-logs its one stage, without request bodies', () => {
      const stage = resources[idOf(synth, 'AWS::ApiGatewayV2::Stage', 'Console')]!.Properties!;
      expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
      const accessLog = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
      expect(render(accessLog.DestinationArn)).toContain('ConsoleApiAccessLogs');
      expect(Object.keys(JSON.parse(accessLog.Format))).toEqual(expect.arrayContaining(['requestId', 'routeKey', 'status', 'user']));
      expect(accessLog.Format).not.toMatch(/body/i);
    });
  });

  describe('the console function', () => {
    it('runs the console-api handler with the bucket, layout and OCR job prefix', () => {
      const fn = resources[functionId]!.Properties!;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 512, Timeout: 20 });
      const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(referencedId(variables.BUCKET_NAME)).toBe(contractsBucketId);
      expect(variables).toMatchObject({
        CONTRACTS_PREFIX: 'contracts/',
        REPORTS_PREFIX: 'reports/',
        OCR: 'textract',
        OCR_JOBS_PREFIX: 'ocr-jobs/',
        UPLOAD_URL_SECONDS: '900',
        LINK_URL_SECONDS: '3600',
        MAX_PORTFOLIO_CONTRACTS: '2000',
      });
    });

    it('may put contracts, list with prefix conditions, read reports and job records, and use the bucket key through S3: nothing more', () => {
      const roleId = referencedId(resources[functionId]!.Properties!.Role);
      const statements = statementsOfRole(synth, roleId);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
        expect(asArray(statement.Resource)).not.toContain('*');
      }
      const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
      expect(Object.keys(bySid).sort()).toEqual([
        'ListContractsAndReports',
        'ReadReportsAndJobRecords',
        'UploadContracts',
        'UseBucketKeyThroughS3',
        'WriteOwnLogs',
      ]);
      expect(bySid.UploadContracts!.Action).toBe('s3:PutObject');
      expect(resourcesOf(bySid.UploadContracts!)).toEqual([`\${${contractsBucketId}.Arn}/contracts/*`]);
      expect(bySid.ListContractsAndReports!.Action).toBe('s3:ListBucket');
      expect(resourcesOf(bySid.ListContractsAndReports!)).toEqual([`\${${contractsBucketId}.Arn}`]);
      expect(bySid.ListContractsAndReports!.Condition).toEqual({ StringLike: { 's3:prefix': ['contracts/*', 'reports/*', 'ocr-jobs/*'] } });
      expect(bySid.ReadReportsAndJobRecords!.Action).toBe('s3:GetObject');
      expect(resourcesOf(bySid.ReadReportsAndJobRecords!).sort()).toEqual([
        `\${${contractsBucketId}.Arn}/ocr-jobs/*`,
        `\${${contractsBucketId}.Arn}/reports/*`,
      ]);
      expect(asArray(bySid.UseBucketKeyThroughS3!.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(resourcesOf(bySid.UseBucketKeyThroughS3!)).toEqual([`\${${idOf(synth, 'AWS::KMS::Key', 'StorageBucketKey')}.Arn}`]);
      expect(render(bySid.UseBucketKeyThroughS3!.Condition!.StringEquals!['kms:ViaService'])).toBe(`s3.\${AWS::Region}.amazonaws.com`);
      // No managed policies.
      expect(resources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
    });

    it('lets browsers PUT uploads into the contracts bucket from the console’s origin only', () => {
      const cors = (resources[contractsBucketId]!.Properties!.CorsConfiguration as { CorsRules: Array<Record<string, unknown>> }).CorsRules;
      expect(cors).toHaveLength(1);
      expect(cors[0]).toMatchObject({ AllowedMethods: ['PUT'], AllowedHeaders: ['content-type'] });
      expect((cors[0]!.AllowedOrigins as unknown[]).map(render)).toEqual([`https://\${${distributionId}.DomainName}`]);
    });
  });

  describe('the site deployment', () => {
    it('writes config.json with the API on the same origin, the sign-in client and the portfolio downloads on', () => {
      const config = synth.stack.webConsole!.runtimeConfig;
      expect(config).toMatchObject({ apiBase: '', portfolio: true });
      expect(synth.stack.resolve(config.auth.clientId)).toEqual({ Ref: clientId });
      // The file as staged for the deployment: the same JSON, tokens left as markers.
      const staged = findFiles(synth.app.outdir, 'config.json').map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
      expect(staged.length).toBeGreaterThan(0);
      for (const file of staged) expect(file).toMatchObject({ apiBase: '', portfolio: true });
    });

    it('copies the files and config.json with a role of named actions on the site bucket and this distribution only', () => {
      const deployment = Object.values(synth.template.findResources('Custom::CDKBucketDeployment'))[0]!;
      expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
      expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
      expect(referencedId(deployment.Properties.DistributionId)).toBe(distributionId);
      const config = deployment.Properties.SourceMarkersConfig ?? deployment.Properties.SourceMarkers;
      expect(config).toBeDefined();
      const roleId = idOf(synth, 'AWS::IAM::Role', 'ConsoleSiteDeploymentRole');
      const handler = Object.values(synth.template.findResources('AWS::Lambda::Function')).find(
        (fn) => fn.Properties.Handler === 'index.handler' && referencedId(fn.Properties.Role) === roleId,
      );
      expect(handler, 'the deployment function runs with the console’s deployment role').toBeDefined();
      expect(resources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
      const statements = statementsOfRole(synth, roleId);
      for (const statement of statements) {
        for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
        expect(asArray(statement.Resource)).not.toContain('*');
      }
      const invalidate = statements.find((statement) => statement.Sid === 'InvalidateConsole')!;
      expect(resourcesOf(invalidate)).toEqual([`arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${distributionId}}`]);
      const readSources = statements.find((statement) => statement.Sid === 'ReadConsoleFiles')!;
      expect(resourcesOf(readSources)).toHaveLength(2);
      for (const resource of resourcesOf(readSources)) expect(resource).toMatch(/\/[0-9a-f]{64}\.zip$/);
    });
  });

  it('outputs the console URL and the user pool id', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(render(outputs.ConsoleUrl!.Value)).toBe(`https://\${${distributionId}.DomainName}/`);
    expect(outputs.ConsoleUserPoolId!.Value).toEqual({ Ref: userPoolId });
  });
});

describe('web console settings', () => {
  it('is left out with console: false (and -c console=false)', () => {
    const { template } = synthesize({ console: false });
    for (const type of ['AWS::Cognito::UserPool', 'AWS::CloudFront::Distribution', 'AWS::ApiGatewayV2::Api', 'Custom::CDKBucketDeployment']) {
      expect(Object.keys(template.findResources(type))).toEqual([]);
    }
    expect(template.toJSON().Outputs.ConsoleUrl).toBeUndefined();
    expect(settingsFromContext((key) => ({ console: 'false' })[key]).console).toBe(false);
    expect(settingsFromContext((key) => ({ console: true })[key]).console).toBe(true);
    expect(settingsFromContext(() => undefined).console).toBeUndefined();
    expect(() => settingsFromContext((key) => ({ console: 'maybe' })[key])).toThrow(/console/);
  });

  it('takes a sign-in domain prefix and refuses names Cognito refuses', () => {
    const { template } = synthesize(settingsFromContext((key) => ({ consoleDomainPrefix: 'acme-contracts' })[key]));
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-contracts' });
    expect(() => settingsFromContext((key) => ({ consoleDomainPrefix: 'Acme' })[key])).toThrow(/consoleDomainPrefix/);
    expect(() => settingsFromContext((key) => ({ consoleDomainPrefix: 'my-aws-console' })[key])).toThrow(/consoleDomainPrefix/);
  });

  it('e-mails an address each report written, through an encrypted topic only this bucket may publish to, when asked', () => {
    expect(Object.keys(synthesize().template.findResources('AWS::SNS::Topic')).filter((id) => id.includes('Console'))).toEqual([]);
    const settings = settingsFromContext((key) => ({ consoleNotifyEmail: 'legal-ops@example.com' })[key]);
    expect(() => settingsFromContext((key) => ({ consoleNotifyEmail: 'not an address' })[key])).toThrow(/consoleNotifyEmail/);
    const { app, stack } = buildApp(settings);
    const template = Template.fromStack(stack);
    const resources = template.toJSON().Resources as Record<string, CfnResource>;
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.includes('ConsoleReportReady'))!;
    const keyId = referencedId(resources[topicId]!.Properties!.KmsMasterKeyId);
    expect(resources[keyId]!.Properties).toMatchObject({ EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'legal-ops@example.com', TopicArn: { Ref: topicId } });
    const notifications = Object.values(template.findResources('Custom::S3BucketNotifications'))[0]!.Properties.NotificationConfiguration;
    expect(notifications.TopicConfigurations).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        Filter: {
          Key: {
            FilterRules: [
              { Name: 'suffix', Value: '.json' },
              { Name: 'prefix', Value: 'reports/' },
            ],
          },
        },
        TopicArn: { Ref: topicId },
      },
    ]);
    // The analysis queue still gets the contracts, and only them.
    expect(notifications.QueueConfigurations).toHaveLength(1);
    const topicPolicy = Object.values(template.findResources('AWS::SNS::TopicPolicy')).find((policy) =>
      policy.Properties.Topics.some((topic: unknown) => referencedId(topic) === topicId),
    )!;
    const publish = (topicPolicy.Properties.PolicyDocument.Statement as Statement[]).find((statement) => statement.Effect === 'Allow')!;
    expect(publish).toMatchObject({ Action: 'sns:Publish', Principal: { Service: 's3.amazonaws.com' } });
    expect(render(publish.Condition!.ArnLike!['aws:SourceArn'])).toContain('ContractsBucket');
    const keyStatements = (resources[keyId]!.Properties!.KeyPolicy as { Statement: Statement[] }).Statement;
    expect(keyStatements).toContainEqual(
      expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    );
    addNagChecks(app);
    expect(() => app.synth()).not.toThrow();
  });

  it('reads no OCR job records when scans are not read by a job service', () => {
    const synth = synthesize({ ocr: 'off' });
    const resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
    const functionId = idOf(synth, 'AWS::Lambda::Function', 'ConsoleApiFunction');
    const variables = (resources[functionId]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.OCR).toBe('off');
    expect(variables.OCR_JOBS_PREFIX).toBeUndefined();
    const statements = statementsOfRole(synth, referencedId(resources[functionId]!.Properties!.Role));
    expect(JSON.stringify(statements)).not.toContain('ocr-jobs');
  });

  it('names the fixed bucket’s upload host exactly in the CSP when the bucket name is set', () => {
    for (const [bucketName, host] of [
      ['acme-contracts', `https://acme-contracts.s3.\${AWS::Region}.amazonaws.com`],
      // A name with dots is signed path-style.
      ['acme.contracts', `https://s3.\${AWS::Region}.amazonaws.com`],
    ]) {
      const { template } = synthesize({ bucketName });
      const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
      const csp = render(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
      expect(csp).toContain(`connect-src 'self' ${host} `);
    }
  });

  it('lets the user pool go with the stack only when everything else does', () => {
    const { template } = synthesize({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
  });

  it('deploys the built app when the site directory has an index.html, and a placeholder page when not', () => {
    const built = mkdtempSync(path.join(tmpdir(), 'clausewatch-site-'));
    writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>console</title>');
    try {
      for (const [siteDirectory, expected] of [
        [built, true],
        [path.join(built, 'missing'), false],
      ] as const) {
        const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
        const stack = new Stack(app, 'Site');
        const key = new kms.Key(stack, 'Key');
        const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key, encryption: s3.BucketEncryption.KMS });
        const logs = new s3.Bucket(stack, 'Logs');
        const webConsole = new WebConsole(stack, 'Console', {
          bucket,
          bucketKey: key,
          contractsPrefix: 'contracts/',
          reportsPrefix: 'reports/',
          ocrJobsPrefix: null,
          accessLogsBucket: logs,
          siteDirectory,
          logRetention: RetentionDays.ONE_WEEK,
          removalPolicy: RemovalPolicy.DESTROY,
        });
        expect(webConsole.siteBuilt).toBe(expected);
        Template.fromStack(stack).hasResourceProperties('Custom::CDKBucketDeployment', {
          SourceObjectKeys: Match.arrayWith([Match.stringLikeRegexp('\\.zip$')]),
        });
      }
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });
});
