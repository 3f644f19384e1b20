import { Validations, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HANDLER_BUNDLING } from '../bundling.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: entries, the lock file and the tsconfig are resolved from here, not from the cwd. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Properties of a {@link HandlerFunction}. */
export interface HandlerFunctionProps {
  /** Handler source, relative to the repository root (e.g. `functions/analyze/handler.ts`). */
  readonly entry: string;
  /** What the function does; becomes the function's and the role's description. */
  readonly description: string;
  /** Memory in MB. */
  readonly memorySize: number;
  /** Maximum run time of one invocation. */
  readonly timeout: Duration;
  /** Environment variables for the handler. */
  readonly environment: Record<string, string>;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Concurrent executions reserved for (and capped at) this function.
   * @default - none: the function uses the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Packages installed beside the bundle instead of bundled (they load files of their own at run time).
   * @default - none: everything is in the bundle
   */
  readonly nodeModules?: string[];
}

/**
 * A Node.js Lambda function bundled with the local esbuild as one ESM file, with its own
 * role and log group.
 *
 * The role is created here rather than by the Function so that it carries no AWS managed
 * policy: AWSLambdaBasicExecutionRole would allow writing to every log group in the account,
 * while this role may only write to the function's own log group.
 */
export class HandlerFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** The function's execution role; add permissions with `role.addToPrincipalPolicy`. */
  readonly role: iam.Role;
  /** The log group the function writes to. */
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role: ${props.description}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        // The log group already exists, so logs:CreateLogGroup is not needed.
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The group's ARN attribute ends in ":*", which covers its log streams.
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      projectRoot: PROJECT_ROOT,
      entry: join(PROJECT_ROOT, props.entry),
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      bundling: {
        format: OutputFormat.ESM,
        target: HANDLER_BUNDLING.target,
        mainFields: [...HANDLER_BUNDLING.mainFields],
        minify: HANDLER_BUNDLING.minify,
        sourceMap: HANDLER_BUNDLING.sourceMap,
        sourcesContent: HANDLER_BUNDLING.sourcesContent,
        banner: HANDLER_BUNDLING.banner,
        define: HANDLER_BUNDLING.define,
        // Bundle everything, the AWS SDK included: the SDK version is then the one in
        // package-lock.json and tested locally, not whatever the runtime ships that week.
        externalModules: [...HANDLER_BUNDLING.external],
        nodeModules: props.nodeModules,
        // Packages installed beside the bundle with native parts get the binaries of Lambda's
        // platform (Linux, glibc, ARM64), not those of the machine that deploys.
        environment: props.nodeModules ? { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' } : undefined,
        // No Docker here: CDK bundles with the esbuild in node_modules (a pinned devDependency)
        // and would only try Docker if esbuild were missing.
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: it is a supported, non-deprecated runtime, the bundle is built and tested for node22, and moving to nodejs24.x (the newest runtime CDK knows) is a separate change that needs its own test of the bundled handlers.',
    });
  }
}
