import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { RescanId, type RescanRequest, type RescanSummary, rescanRequestKey } from '../lib/rescan-message.js';
import { RESCANS_PREFIX, readRescanSummary } from '../service/rescan.js';
import { putObject } from '../service/storage.js';

/*
 * Rescans through the analysis queue: started as a Step Functions execution in AWS (--in-aws) or
 * as a request object the local pipeline fans out (--enqueue), followed with --status.
 */

/** The part of the Step Functions client these commands use (a stand-in in tests). */
export type StepFunctionsApi = Pick<SFNClient, 'send'>;

/** A new rescan id: sortable by time, unique enough for concurrent starts, valid as an execution name. */
export function newRescanId(now: Date = new Date()): string {
  return `rescan-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(4).toString('hex')}`;
}

/** Starts the rescan state machine; the execution's name is the rescan id, so its progress is found by either. */
export async function startRescanExecution(sfn: StepFunctionsApi, stateMachineArn: string, request: RescanRequest): Promise<string> {
  const output = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: request.rescanId, input: JSON.stringify(request) }));
  if (!output.executionArn) throw new Error('Step Functions started no execution');
  return output.executionArn;
}

/** Asks the local pipeline (npm start) for a rescan: it lists the contracts and enqueues their rescan messages. */
export async function requestLocalRescan(s3: S3Client, bucket: string, request: RescanRequest): Promise<string> {
  const key = rescanRequestKey(RESCANS_PREFIX, request.rescanId);
  await putObject(s3, { bucket, key, body: `${JSON.stringify(request)}\n`, contentType: 'application/json' });
  return key;
}

/** The rescan id of `--status <execution ARN or rescan id>`: an execution ARN ends with the execution's name. */
export function rescanIdOf(reference: string): string | null {
  const id = reference.startsWith('arn:') ? reference.slice(reference.lastIndexOf(':') + 1) : reference;
  return RescanId.safeParse(id).success ? id : null;
}

export interface RescanStatus {
  rescanId: string;
  /** The execution's status (RUNNING, SUCCEEDED, FAILED, …) when an execution ARN was given; null otherwise. */
  execution: string | null;
  summary: RescanSummary;
}

export async function readRescanStatus(s3: S3Client, sfn: StepFunctionsApi | null, bucket: string, reference: string): Promise<RescanStatus | null> {
  const rescanId = rescanIdOf(reference);
  if (!rescanId) return null;
  const execution = sfn && reference.startsWith('arn:') ? ((await sfn.send(new DescribeExecutionCommand({ executionArn: reference }))).status ?? null) : null;
  return { rescanId, execution, summary: await readRescanSummary(s3, bucket, rescanId) };
}

export function formatRescanStatus(status: RescanStatus): string {
  const { summary } = status;
  return [
    `Rescan ${status.rescanId}${status.execution ? ` (execution ${status.execution})` : ''}:`,
    `  scanned ${summary.scanned}, re-analyzed ${summary.reanalyzed}, skipped ${summary.skippedCurrent} already current and ${summary.skippedOther} for another reason,`,
    `  verdicts moved ${summary.verdictsMoved} (in ${summary.contractsWithMovedVerdicts} contract(s)), errors ${summary.errors}.`,
  ].join('\n');
}
