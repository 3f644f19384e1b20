/**
 * CDK app entry point (`cdk.json`: `npx tsx infra/app.ts`).
 *
 * Settings come from CDK context, e.g. `npx cdk synth -c alarmEmail=ops@example.com -c timeout=180`;
 * see infra/config.ts for the keys and infra/clausewatch-stack.ts for what each one does.
 */
import { App } from 'aws-cdk-lib';
import { ClauseWatchStack } from './clausewatch-stack.js';
import { settingsFromContext, type ClauseWatchSettings } from './config.js';
import { addNagChecks } from './nag.js';

const app = new App();
let settings: ClauseWatchSettings;
try {
  settings = settingsFromContext((key) => app.node.tryGetContext(key));
} catch (error) {
  // A bad -c value is a usage error: print the list of problems, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

new ClauseWatchStack(app, 'ClauseWatch', {
  ...settings,
  description: 'ClauseWatch: finds missing and weak force-majeure and export-control clauses in uploaded supplier contracts',
  // Environment-agnostic unless the CLI knows an account and region; nothing here needs lookups.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

addNagChecks(app);
app.synth();
