import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { expect } from 'vitest';
import { PortfolioRecord, portfolioRecordKey } from '../../lib/portfolio/record.js';
import { Report } from '../../lib/report/schema.js';
import { LocalPipeline, type LocalPipelineOptions } from '../../local/pipeline.js';

/**
 * A local pipeline on a free loopback port with its own data folder, removed by `dispose`. It
 * parses on the test's thread unless a test asks for `isolation: 'worker'` (containment tests).
 */
export async function startPipeline(
  options: Partial<LocalPipelineOptions> | ((work: string) => Partial<LocalPipelineOptions>) = {},
): Promise<{ pipeline: LocalPipeline; work: string; dispose: () => Promise<void> }> {
  const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-pipeline-'));
  const extra = typeof options === 'function' ? options(work) : options;
  const pipeline = new LocalPipeline({ port: 0, directory: path.join(work, 's3'), bucket: 'contracts-test', isolation: 'inline', ...extra });
  await pipeline.start();
  return {
    pipeline,
    work,
    dispose: async () => {
      await pipeline.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export async function readReport(pipeline: LocalPipeline, key: string): Promise<Report | null> {
  try {
    const output = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: key }));
    return Report.parse(JSON.parse(await output.Body!.transformToString()));
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

/** The portfolio row stored for a contract name (`acme/msa.pdf`), or null when there is none. */
export async function readPortfolioRow(pipeline: LocalPipeline, name: string): Promise<PortfolioRecord | null> {
  try {
    const output = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: portfolioRecordKey(name) }));
    const body = await output.Body!.transformToString();
    expect(body.trimEnd().split('\n')).toHaveLength(1);
    return PortfolioRecord.parse(JSON.parse(body));
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

export async function etagOf(pipeline: LocalPipeline, key: string): Promise<string | undefined> {
  return (await pipeline.s3.send(new HeadObjectCommand({ Bucket: pipeline.bucket, Key: key }))).ETag;
}

/** An SQS event delivering these message bodies, as Lambda's SQS poller hands it to a handler. */
export function sqsEvent(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}-${Math.random().toString(36).slice(2, 8)}`,
      receiptHandle: 'r',
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
      awsRegion: 'us-east-1',
    })),
  };
}

/** An SQS message body with one S3 object-created record, as S3 sends it. */
export function notification(bucket: string, encodedKey: string, sequencer: string, eventName = 'ObjectCreated:Put'): string {
  return JSON.stringify({
    Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName, s3: { bucket: { name: bucket }, object: { key: encodedKey, size: 1, sequencer } } }],
  });
}
