import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function.js';
import { addStatements } from './policies.js';

/** Repository root: a relative `siteDirectory` is resolved from here, not from the cwd. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` puts the console's static files. */
export const DEFAULT_SITE_DIRECTORY = 'web/dist';

/** Memory of the console API function: it lists, reads small JSON reports and signs URLs. */
const API_MEMORY_MB = 512;
/** API Gateway gives up on an integration after 30 s; a listing of a few hundred contracts takes a second or two. */
const API_TIMEOUT = Duration.seconds(20);
/** Steady and burst request rates of the whole API: a console for a few dozen people, with room for a folder dropped at once. */
const API_RATE_LIMIT = 50;
const API_BURST_LIMIT = 100;
/** How long an upload URL and a report link issued by the API stay valid. */
const UPLOAD_URL_SECONDS = 15 * 60;
const LINK_URL_SECONDS = 60 * 60;
/** The most contracts one portfolio download holds: its XLSX and HTML stay well inside Lambda's 6 MB response. */
const MAX_PORTFOLIO_CONTRACTS = 2000;

/** Properties of {@link WebConsole}. */
export interface WebConsoleProps {
  /** The contracts bucket: uploads go under `contractsPrefix`, reports are read under `reportsPrefix`. */
  readonly bucket: s3.Bucket;
  /** The contracts bucket's key: writing an upload needs kms:GenerateDataKey, reading a report kms:Decrypt. */
  readonly bucketKey: kms.IKey;
  readonly contractsPrefix: string;
  readonly reportsPrefix: string;
  /**
   * Where running OCR job records are kept, so a scan being read shows as `analyzing`; null when
   * no OCR service runs jobs (the console then never reads that prefix).
   */
  readonly ocrJobsPrefix: string | null;
  /** Receives the site bucket's server access logs (prefix `console-site/`). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * The built console (index.html, app.js, app.css). Relative paths are resolved from the
   * repository root. When the directory has no index.html (the app was not built), a page
   * saying so is deployed instead, so `cdk synth` works on a fresh checkout.
   * @default 'web/dist'
   */
  readonly siteDirectory?: string;
  /**
   * Prefix of the Cognito hosted sign-in domain, `<prefix>.auth.<region>.amazoncognito.com`.
   * Must be unique in the region; lower-case letters, digits and hyphens.
   * @default 'clausewatch-<account id>'
   */
  readonly domainPrefix?: string;
  /**
   * Whether people may create their own accounts on the sign-in page. Off: an administrator
   * creates each user (`aws cognito-idp admin-create-user`).
   * @default false
   */
  readonly selfSignUp?: boolean;
  /**
   * An address told each time a report is written (S3's event for `reports/…json`, which names
   * the report's key): for an administrator who follows every upload. Off by default.
   * @default - no topic, no e-mail
   */
  readonly notifyEmail?: string;
  readonly logRetention: logs.RetentionDays;
  /** What happens to the user pool, the site bucket and the log groups when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The web console in AWS: a static site on CloudFront (private bucket, Origin Access Control),
 * its API on the same distribution under `/api/*` (API Gateway HTTP API with a Cognito JWT
 * authorizer, one Lambda function), and a Cognito user pool whose users sign in on the hosted UI.
 *
 * The API shares the site's origin so the browser needs no CORS for it and the page's CSP can say
 * `connect-src 'self'`; only the presigned uploads go elsewhere, straight to the contracts bucket,
 * which gets a CORS rule for the console's origin.
 */
export class WebConsole extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly userPoolDomain: cognito.UserPoolDomain;
  readonly siteBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly api: apigwv2.HttpApi;
  readonly apiFunction: HandlerFunction;
  /** `https://<distribution domain>/`: the console's address. */
  readonly url: string;
  /** The app's `config.json`: where the API is, how to sign in, and that the portfolio downloads are offered. */
  readonly runtimeConfig: { apiBase: string; auth: { domain: string; clientId: string; redirectUri: string }; portfolio: boolean };
  /** Whether the built app was deployed (false: the placeholder page). */
  readonly siteBuilt: boolean;
  /** Announces each report written; only with `notifyEmail`. */
  readonly reportReadyTopic?: sns.Topic;

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);
    const { bucket, contractsPrefix, reportsPrefix, ocrJobsPrefix } = props;
    const region = Stack.of(this).region;

    // --- Sign-in -------------------------------------------------------------------------------
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: props.selfSignUp ?? false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // `custom:team`: the folder a user shares with their team. Only administrators set it: the
      // app client below may not write it, or a user could read another team's contracts.
      customAttributes: { team: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // The users go with the stack only when everything else does.
      deletionProtection: props.removalPolicy !== RemovalPolicy.DESTROY,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional by design: users are created by an administrator, and each can turn on an authenticator app (TOTP). Set mfa: REQUIRED on the pool where policy demands it.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Essentials feature plan is used: the Plus plan (threat protection, billed per active user) adds nothing a console with admin-created users needs by default; an operator can switch plans without replacing the pool.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection (advanced security) needs the Cognito Plus feature plan, billed per active user; with admin-created users only, a 14-character password policy and optional TOTP it is left to the operator to enable.',
      },
    );

    this.userPoolDomain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? Fn.join('-', ['clausewatch', Aws.ACCOUNT_ID]) },
    });
    const signInDomain = `${this.userPoolDomain.domainName}.auth.${region}.amazoncognito.com`;

    // --- Site bucket and API function ---------------------------------------------------------------
    this.siteBucket = new s3.Bucket(this, 'SiteBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'console-site/',
      removalPolicy: props.removalPolicy,
    });

    this.apiFunction = new HandlerFunction(this, 'ApiFunction', {
      entry: 'functions/console-api/handler.ts',
      description: 'ClauseWatch console API: upload URLs, the contracts list and the portfolio of the signed-in user or team',
      memorySize: API_MEMORY_MB,
      timeout: API_TIMEOUT,
      environment: {
        BUCKET_NAME: bucket.bucketName,
        CONTRACTS_PREFIX: contractsPrefix,
        REPORTS_PREFIX: reportsPrefix,
        ...(ocrJobsPrefix ? { OCR: 'textract', OCR_JOBS_PREFIX: ocrJobsPrefix } : { OCR: 'off' }),
        UPLOAD_URL_SECONDS: String(UPLOAD_URL_SECONDS),
        LINK_URL_SECONDS: String(LINK_URL_SECONDS),
        MAX_PORTFOLIO_CONTRACTS: String(MAX_PORTFOLIO_CONTRACTS),
      },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // The URLs the function signs carry its role's permissions: the key it builds (the caller's
    // folder) is what scopes an upload; the role bounds what any URL could ever do.
    const readablePrefixes = [reportsPrefix, ...(ocrJobsPrefix ? [ocrJobsPrefix] : [])];
    addStatements(this.apiFunction.role, [
      { sid: 'UploadContracts', actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${contractsPrefix}*`)] },
      {
        sid: 'ListContractsAndReports',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [contractsPrefix, ...readablePrefixes].map((prefix) => `${prefix}*`) } },
      },
      { sid: 'ReadReportsAndJobRecords', actions: ['s3:GetObject'], resources: readablePrefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)) },
      {
        sid: 'UseBucketKeyThroughS3',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.bucketKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      },
    ]);
    const bucketArnToken = `<${Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(this.apiFunction.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${contractsPrefix}*]`,
        reason: `PutObject is limited to the contracts prefix (${contractsPrefix}*): upload names are chosen by the users; the function itself puts every upload under the caller's own folder and is tested for it. No action is a wildcard.`,
      },
      ...readablePrefixes.map((prefix) => ({
        id: `AwsSolutions-IAM5[Resource::${bucketArnToken}/${prefix}*]`,
        reason: `GetObject is limited to the ${prefix}* prefix, whose keys follow the contract names, which are not known in advance. No action is a wildcard.`,
      })),
    );

    // --- API ---------------------------------------------------------------------------------------
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'ClauseWatch console API (behind the console distribution under /api/*)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    new apigwv2.HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: API_RATE_LIMIT, burstLimit: API_BURST_LIMIT },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // Who asked what, and the answer: no request bodies (file names) are logged.
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            user: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // --- Distribution ------------------------------------------------------------------------------
    // The bucket's own host when its name is fixed; otherwise any S3 host of the region, because
    // naming the generated bucket here would be a dependency cycle (the bucket's CORS rule names
    // the distribution, whose headers would name the bucket).
    const fixedBucketName = (bucket.node.defaultChild as s3.CfnBucket).bucketName;
    // (A name with dots cannot be a TLS host name: the SDK then signs path-style URLs.)
    const uploadOrigin =
      fixedBucketName === undefined || Token.isUnresolved(fixedBucketName)
        ? `https://*.s3.${region}.amazonaws.com`
        : fixedBucketName.includes('.')
          ? `https://s3.${region}.amazonaws.com`
          : `https://${fixedBucketName}.s3.${region}.amazonaws.com`;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'ClauseWatch console: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // The API (same origin), the uploads (the contracts bucket) and the token exchange (Cognito).
            `connect-src 'self' ${uploadOrigin} https://${signInDomain}`,
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365 * 2), includeSubdomains: true, preload: false, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'ClauseWatch console',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(`${this.api.apiId}.execute-api.${region}.amazonaws.com`, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Never cached; with caching off, this policy forwards the Authorization header (the
          // Host header would make API Gateway refuse the request).
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The console is used by legal and procurement teams wherever they work; sign-in, not geography, decides who may use it.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No AWS WAF web ACL by default (billed per ACL and request): the API answers only Cognito-verified tokens, is throttled per stage, and the site is static files. Attach a web ACL where an organisation requires one.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront standard logs need an ACL-enabled bucket; every request that touches contracts is logged by API Gateway (access log) and S3 (server access log), and the distribution otherwise serves only the static app.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The console uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes; set minimumProtocolVersion TLSv1.2_2021 together with a custom domain and certificate.',
      },
    );
    this.url = `https://${this.distribution.distributionDomainName}/`;

    // --- Sign-in client (needs the console's URL) --------------------------------------------------
    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('team'),
      // Users may change their display name only; e-mail and team are set by administrators.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    const authorizer = new HttpUserPoolAuthorizer('ConsoleUsers', this.userPool, { userPoolClients: [this.userPoolClient] });
    const integration = new HttpLambdaIntegration('ConsoleApi', this.apiFunction.function);
    for (const [method, path] of [
      [apigwv2.HttpMethod.GET, '/api/config'],
      [apigwv2.HttpMethod.POST, '/api/uploads'],
      [apigwv2.HttpMethod.GET, '/api/contracts'],
      [apigwv2.HttpMethod.GET, '/api/portfolio.csv'],
      [apigwv2.HttpMethod.GET, '/api/portfolio.xlsx'],
      [apigwv2.HttpMethod.GET, '/api/portfolio.html'],
    ] as const) {
      this.api.addRoutes({ path, methods: [method], integration, authorizer });
    }

    // Browsers PUT uploads straight to the contracts bucket with the presigned URLs.
    bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT],
      allowedOrigins: [`https://${this.distribution.distributionDomainName}`],
      allowedHeaders: ['content-type'],
      maxAge: 3600,
    });

    if (props.notifyEmail !== undefined) this.reportReadyTopic = this.notifyReportsTo(props.notifyEmail, props);

    // --- Static files ------------------------------------------------------------------------------
    const siteDirectory = isAbsolute(props.siteDirectory ?? DEFAULT_SITE_DIRECTORY)
      ? (props.siteDirectory ?? DEFAULT_SITE_DIRECTORY)
      : join(PROJECT_ROOT, props.siteDirectory ?? DEFAULT_SITE_DIRECTORY);
    this.siteBuilt = existsSync(join(siteDirectory, 'index.html'));
    this.runtimeConfig = {
      apiBase: '',
      auth: { domain: signInDomain, clientId: this.userPoolClient.userPoolClientId, redirectUri: this.url },
      // The API builds the portfolio downloads; the app fetches them with the bearer token.
      portfolio: true,
    };
    // The copy runs in CDK's deployment function, with a role of our own: CDK's grants to it
    // (wildcard actions such as s3:GetObject*, CloudFront invalidations on "*") are not applied,
    // because the function is handed the role as immutable; the statements below name each action
    // and resource it uses.
    const deploymentLogs = new logs.LogGroup(this, 'SiteDeploymentLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    const deploymentRole = new iam.Role(this, 'SiteDeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the console files to the site bucket and invalidates the distribution (during deployments only)',
    });
    const sources = [
      new RecordedSource(this.siteBuilt ? s3deploy.Source.asset(siteDirectory) : s3deploy.Source.data('index.html', PLACEHOLDER_PAGE)),
      new RecordedSource(s3deploy.Source.jsonData('config.json', this.runtimeConfig)),
    ];
    const deployment = new s3deploy.BucketDeployment(this, 'Site', {
      destinationBucket: this.siteBucket,
      sources,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role: deploymentRole.withoutPolicyUpdates(),
      logGroup: deploymentLogs,
    });
    addStatements(deploymentRole, [
      { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [deploymentLogs.logGroupArn] },
      { sid: 'ReadConsoleFiles', actions: ['s3:GetObject'], resources: sources.map((source) => source.objectArn()) },
      { sid: 'ListSite', actions: ['s3:ListBucket'], resources: [this.siteBucket.bucketArn] },
      {
        sid: 'ReplaceSiteFiles',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [this.siteBucket.arnForObjects('*')],
      },
      {
        sid: 'InvalidateConsole',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [this.distribution.distributionArn],
      },
    ]);
    // The copy must not start before its role may read and write.
    deployment.node.addDependency(deploymentRole);
    const siteBucketArnToken = `<${Stack.of(this).getLogicalId(this.siteBucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(deploymentRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${siteBucketArnToken}/*]`,
      reason:
        'The deployment replaces every file of the console site bucket (and removes files no longer in the build); that bucket holds nothing else. No action is a wildcard.',
    });
    acknowledgeDeploymentHandler(this);
  }

  /** S3 publishes the event of every JSON report to an encrypted topic with one e-mail subscription. */
  private notifyReportsTo(email: string, props: WebConsoleProps): sns.Topic {
    const topicKey = new kms.Key(this, 'ReportReadyKey', {
      description: 'ClauseWatch: encrypts the report-ready notifications',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    const topic = new sns.Topic(this, 'ReportReady', { displayName: 'ClauseWatch report ready', masterKey: topicKey, enforceSSL: true });
    topic.addSubscription(new EmailSubscription(email));
    // The destination also lets S3 (from this bucket only) publish, and use the topic's key.
    props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(topic), { prefix: props.reportsPrefix, suffix: '.json' });
    return topic;
  }
}

/** Deployed when the app was not built: says how to build it, instead of failing the synth. */
const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clausewatch console</title></head>
<body><h1>The clausewatch console was not built</h1>
<p>Run <code>npm run build</code> (it writes web/dist), then <code>npx cdk deploy</code> again.</p></body></html>
`;

/** A deployment source that remembers where CDK put its files, so the copy may read exactly that object. */
class RecordedSource implements s3deploy.ISource {
  private bound: s3deploy.SourceConfig | undefined;

  constructor(private readonly source: s3deploy.ISource) {}

  bind(scope: Construct, context?: s3deploy.DeploymentSourceContext): s3deploy.SourceConfig {
    this.bound = this.source.bind(scope, context);
    return this.bound;
  }

  objectArn(): string {
    if (!this.bound) throw new Error('the source is not bound to a deployment yet');
    return this.bound.bucket.arnForObjects(this.bound.zipObjectKey);
  }
}

/** BucketDeployment's function is a CDK-provided singleton in the stack, whose runtime CDK pins. */
function acknowledgeDeploymentHandler(scope: Construct): void {
  const stack = Stack.of(scope);
  for (const handler of stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'CDK-generated BucketDeployment function: CDK pins its runtime (with the AWS CLI layer it needs), and it runs only while the stack is deployed.',
    });
  }
}
