/**
 * Synthesizes the real ClauseWatch stack for assertions, fast: no asset bundling (esbuild is not
 * run; the Lambda code becomes a placeholder asset) and no built-in CloudFormation validation.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { ClauseWatchStack, type ClauseWatchStackProps } from '../../infra/clausewatch-stack.js';

// CDK's CloudFormation schema validation adds seconds to every synth; the tests check what matters.
process.env.CDK_VALIDATION = 'false';

/** The feature flags of cdk.json, so tests synthesize exactly what `cdk synth` does. */
const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

export interface Synthesized {
  app: App;
  stack: ClauseWatchStack;
  template: Template;
}

/** Builds an app with the stack (and whatever `configure` adds), without synthesizing it. */
export function buildApp(props: ClauseWatchStackProps = {}): { app: App; stack: ClauseWatchStack } {
  const app = new App({
    context: {
      ...cdkJsonContext,
      // No stack requires bundling: NodejsFunction skips esbuild and uses a placeholder asset.
      'aws:cdk:bundling-stacks': [],
    },
  });
  const stack = new ClauseWatchStack(app, 'ClauseWatch', props);
  return { app, stack };
}

export function synthesize(props: ClauseWatchStackProps = {}): Synthesized {
  const { app, stack } = buildApp(props);
  return { app, stack, template: Template.fromStack(stack) };
}

/** A resource of a synthesized template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** The only resource of `type`, with its logical id; fails if there are none or several. */
export function single(template: Template, type: string, props?: Record<string, unknown>): [string, CfnResource] {
  const found = Object.entries(template.findResources(type, props ? { Properties: props } : undefined));
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0] as [string, CfnResource];
}

/** Logical id of the resource a `{ Ref }` or `{ 'Fn::GetAtt': [id, attr] }` points to. */
export function referencedId(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (id === undefined) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}

/**
 * Renders a CloudFormation value as readable text: `{ 'Fn::GetAtt': ['Bucket', 'Arn'] }` becomes
 * `${Bucket.Arn}`, `{ Ref: 'X' }` becomes `${X}`, and `Fn::Join` is joined.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if (Array.isArray(v['Fn::Join'])) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
