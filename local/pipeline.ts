import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import S3rver from 's3rver';
import { encodeS3Key } from '../lib/s3-events.js';
import { createAnalyzeHandler, type BatchHandler } from '../functions/analyze/handler.js';
import { createDeadLetterHandler } from '../functions/dead-letter/handler.js';
import { createS3Client, getObject } from '../service/storage.js';
import { RESCANS_PREFIX, rescanMessagesForBucket } from '../service/rescan.js';
import { RescanRequest } from '../lib/rescan-message.js';
import { AnalyzerPool, inlineAnalyzer, type DocumentAnalyzer } from '../lib/runner/index.js';

export interface LocalPipelineOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Where the S3 server keeps its data. */
  directory: string;
  bucket: string;
  /** A plain folder that mirrors everything under the reports prefix, for people to open. */
  mirrorDirectory?: string | null;
  contractsPrefix?: string;
  reportsPrefix?: string;
  /** Deliveries of a failing message before it goes to the dead-letter handler (SQS maxReceiveCount). */
  maxReceiveCount?: number;
  /** Messages per handler invocation (the SQS event source batch size). */
  batchSize?: number;
  /** Extra handler environment (limits, log level). */
  environment?: Record<string, string>;
  /** Deliver the server's object-created events to the handlers (default true); tests that feed events themselves turn it off. */
  deliverEvents?: boolean;
  /** `worker` (default) parses in worker threads with deadline and memory cap, as in Lambda; `inline` on this thread. */
  isolation?: 'worker' | 'inline';
  /** Documents parsed at once in worker mode (default 1, like one Lambda instance). */
  workers?: number;
  /** Who parses documents instead of the pool `isolation` makes (tests that step into an analysis). */
  analyzer?: DocumentAnalyzer;
  /** Messages per S3 event (default 1); 2 simulates the duplicates of at-least-once delivery. */
  deliveriesPerEvent?: number;
}

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
}

/** Static credentials the local S3 server accepts. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

type S3rverRecord = {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; sequencer?: string; size?: number; eTag?: string } };
} & Record<string, unknown>;

/**
 * The production pipeline on one machine: a real S3-compatible server on loopback, its
 * object-created events delivered as SQS-shaped batches to the same handler code that runs in
 * Lambda, with redelivery and a dead-letter handler as SQS would do them.
 */
/** Rejects with code EADDRINUSE when something already listens on 127.0.0.1:port. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(Object.assign(new Error(`127.0.0.1:${port} is already in use`), { code: error.code }));
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export class LocalPipeline {
  private server: S3rver | undefined;
  private analyze: BatchHandler | undefined;
  private deadLetter: BatchHandler | undefined;
  private client: S3Client | undefined;
  private analyzer: DocumentAnalyzer | undefined;
  private readonly queue: QueuedMessage[] = [];
  private readonly mirrors = new Set<Promise<void>>();
  private readonly fanOuts = new Set<Promise<void>>();
  private draining: Promise<void> | null = null;
  private messageCounter = 0;
  private sequence = 0n;
  private endpointUrl = '';
  readonly stats = { messages: 0, invocations: 0, redeliveries: 0, deadLettered: 0, reportWrites: 0 };

  constructor(private readonly options: LocalPipelineOptions) {}

  /** The handlers as the pipeline runs them, for tests that call them directly. */
  get handlers(): { analyze: BatchHandler; deadLetter: BatchHandler } {
    if (!this.analyze || !this.deadLetter) throw new Error('the local pipeline is not running');
    return { analyze: this.analyze, deadLetter: this.deadLetter };
  }

  get bucket(): string {
    return this.options.bucket;
  }

  get endpoint(): string {
    return this.endpointUrl;
  }

  get s3(): S3Client {
    if (!this.client) throw new Error('the local pipeline is not running');
    return this.client;
  }

  get contractsPrefix(): string {
    return this.options.contractsPrefix ?? 'contracts/';
  }

  get reportsPrefix(): string {
    return this.options.reportsPrefix ?? 'reports/';
  }

  async start(): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    // s3rver does not report a busy port (the error escapes as an event): ask first.
    if (this.options.port !== 0) await assertPortFree(this.options.port);
    this.server = new S3rver({
      address: '127.0.0.1',
      port: this.options.port,
      directory: this.options.directory,
      silent: true,
      allowMismatchedSignatures: true,
    });
    honourConditionalWrites(this.server);
    const address: AddressInfo = await this.server.run();
    this.endpointUrl = `http://127.0.0.1:${address.port}`;
    const environment = {
      ...LOCAL_CREDENTIALS,
      AWS_REGION: 'us-east-1',
      S3_ENDPOINT: this.endpointUrl,
      CONTRACTS_PREFIX: this.contractsPrefix,
      REPORTS_PREFIX: this.reportsPrefix,
      LOG_LEVEL: 'warn',
      ...this.options.environment,
    };
    // The SDK reads credentials from the environment, as it does in Lambda.
    Object.assign(process.env, LOCAL_CREDENTIALS);
    this.client = createS3Client({ S3_ENDPOINT: this.endpointUrl, AWS_REGION: 'us-east-1' });
    const isolation = this.options.isolation ?? 'worker';
    this.analyzer = this.options.analyzer ?? (isolation === 'inline' ? inlineAnalyzer : new AnalyzerPool({ size: this.options.workers ?? 1, memoryMb: 1024 }));
    this.analyze = createAnalyzeHandler({ ...environment, ANALYZER_ISOLATION: isolation }, { analyzer: this.analyzer });
    this.deadLetter = createDeadLetterHandler(environment);
    await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket })).catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
    });
    if (this.options.deliverEvents ?? true) this.server.on('event', (event: { Records: S3rverRecord[] }) => this.onEvent(event));
  }

  async stop(): Promise<void> {
    await this.idle();
    this.client?.destroy();
    await this.analyzer?.close();
    await this.server?.close();
    this.server = undefined;
  }

  /** Uploads a contract (or anything else) as a user would. */
  async upload(key: string, body: Uint8Array | string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: body }));
  }

  /** Delivers a raw SQS message body to the analyze handler, as a duplicate delivery would. */
  enqueue(body: string): void {
    this.queue.push({ messageId: `local-${++this.messageCounter}`, body, receiveCount: 0 });
    this.stats.messages++;
    this.drain();
  }

  /** Resolves when every queued message is handled and every report is mirrored. */
  async idle(): Promise<void> {
    // Events of the last writes may still be in flight from the server.
    await new Promise((resolve) => setTimeout(resolve, 25));
    while (this.draining || this.queue.length > 0 || this.mirrors.size > 0 || this.fanOuts.size > 0) {
      await Promise.all([...this.fanOuts]);
      if (this.draining) await this.draining;
      else if (this.queue.length > 0) this.drain();
      await Promise.all([...this.mirrors]);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** S3 sequencers grow with each event for a key; local ones come from one counter. */
  nextSequencer(): string {
    this.sequence += 1n;
    return (BigInt(Date.now()) * 1_000_000n + this.sequence).toString(16).toUpperCase().padStart(20, '0');
  }

  private onEvent(event: { Records: S3rverRecord[] }): void {
    for (const record of event.Records) {
      const key = record.s3.object.key;
      if (record.eventName.startsWith('ObjectRemoved') && key.startsWith(this.reportsPrefix) && this.options.mirrorDirectory) {
        // A fix pack with nothing left to fix is removed from the mirror too.
        const removal = this.unmirror(key).finally(() => this.mirrors.delete(removal));
        this.mirrors.add(removal);
        continue;
      }
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      if (key.startsWith(RESCANS_PREFIX) && key.endsWith('/request.json')) {
        const fanOut = this.fanOutRescan(key).finally(() => this.fanOuts.delete(fanOut));
        this.fanOuts.add(fanOut);
        continue;
      }
      if (key.startsWith(this.contractsPrefix)) {
        // Real S3 form-encodes keys and its notifications reach only the contracts prefix.
        const delivered = {
          ...record,
          awsRegion: 'us-east-1',
          s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(key), sequencer: this.nextSequencer() } },
        };
        const body = JSON.stringify({ Records: [delivered] });
        for (let copy = 0; copy < (this.options.deliveriesPerEvent ?? 1); copy++) this.enqueue(body);
      } else if (key.startsWith(this.reportsPrefix) && key.endsWith('.json')) {
        this.stats.reportWrites++;
      }
      if (key.startsWith(this.reportsPrefix) && this.options.mirrorDirectory) {
        const mirror = this.mirror(key).finally(() => this.mirrors.delete(mirror));
        this.mirrors.add(mirror);
      }
    }
  }

  /**
   * What the rescan state machine does in AWS: lists the contracts prefix and sends one rescan
   * message per contract to the analysis queue. Started by a rescan request object in the bucket
   * (`npm run rescan -- s3://bucket --endpoint-url … --enqueue`), so the request goes through S3
   * only, on loopback, and the messages through the same handler as in Lambda.
   */
  private async fanOutRescan(requestKey: string): Promise<void> {
    try {
      const stored = await getObject(this.s3, this.options.bucket, requestKey);
      if (!stored) return;
      const request = RescanRequest.parse(JSON.parse(new TextDecoder().decode(stored.bytes)));
      const layout = { contractsPrefix: this.contractsPrefix, reportsPrefix: this.reportsPrefix };
      const messages = await rescanMessagesForBucket(this.s3, this.options.bucket, layout, request.rescanId, request.maxItems ?? undefined);
      for (const message of messages) this.enqueue(JSON.stringify(message));
    } catch (error) {
      console.error(`Rescan request ${requestKey} not started: ${(error as Error).message}`);
    }
  }

  private mirrorPath(key: string): string | null {
    const target = path.join(this.options.mirrorDirectory!, key.slice(this.reportsPrefix.length));
    return path.resolve(target).startsWith(path.resolve(this.options.mirrorDirectory!)) ? target : null;
  }

  private async unmirror(key: string): Promise<void> {
    const target = this.mirrorPath(key);
    if (target) await rm(target, { force: true });
  }

  private async mirror(key: string): Promise<void> {
    const target = this.mirrorPath(key);
    if (!target) return;
    const output = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await output.Body!.transformToByteArray());
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.batchSize ?? 5);
        for (const message of batch) message.receiveCount++;
        this.stats.invocations++;
        const response = await this.analyze!(toSqsEvent(batch));
        const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
        for (const message of batch.filter((candidate) => failed.has(candidate.messageId))) {
          if (message.receiveCount >= (this.options.maxReceiveCount ?? 3)) {
            this.stats.deadLettered++;
            await this.deadLetter!(toSqsEvent([message]));
          } else {
            this.stats.redeliveries++;
            this.queue.push(message);
          }
        }
      }
    })().finally(() => {
      this.draining = null;
    });
  }
}

interface ConditionalStore {
  existsObject(bucket: string, key: string): Promise<boolean>;
  getMetadata(bucket: string, key: string): Promise<Record<string, string>>;
}

/**
 * S3 honours If-Match and If-None-Match: * on PutObject (412 PreconditionFailed); s3rver ignores
 * them. The report store relies on them to keep a newer report over a slower writer's, so the
 * local server checks them first, one write per key at a time (check and write cannot interleave).
 */
function honourConditionalWrites(server: S3rver): void {
  const store = (server as unknown as { store: ConditionalStore }).store;
  const locks = new Map<string, Promise<void>>();
  type Context = { method: string; path: string; headers: Record<string, string | undefined>; status: number; type: string; body: unknown };
  const check = async (context: Context, next: () => Promise<void>) => {
    const ifMatch = context.headers['if-match'];
    const ifNoneMatch = context.headers['if-none-match'];
    const [, bucket, ...rest] = context.path.split('/');
    if (context.method !== 'PUT' || (!ifMatch && !ifNoneMatch) || !bucket || rest.length === 0) return next();
    const key = decodeURIComponent(rest.join('/'));
    const lockKey = `${bucket}/${key}`;
    const previous = locks.get(lockKey) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => held);
    locks.set(lockKey, chained);
    await previous;
    try {
      const exists = await store.existsObject(decodeURIComponent(bucket), key);
      const eTag = exists ? (await store.getMetadata(decodeURIComponent(bucket), key)).etag : undefined;
      const bare = (value: string | undefined) => value?.replace(/"/g, '');
      const failed = ifNoneMatch === '*' ? exists : ifMatch !== undefined && (!exists || bare(ifMatch) !== bare(eTag));
      if (failed) {
        context.status = 412;
        context.type = 'application/xml';
        context.body =
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        return;
      }
      await next();
    } finally {
      release();
      if (locks.get(lockKey) === chained) locks.delete(lockKey);
    }
  };
  // First in the chain, before s3rver's own routes.
  (server as unknown as { middleware: unknown[] }).middleware.unshift(check);
}

function toSqsEvent(messages: readonly QueuedMessage[]): SQSEvent {
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.messageId,
        receiptHandle: message.messageId,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:clausewatch-local',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}
