/*
 * A scale model of the AWS pipeline: wall time and cost of analysing (or rescanning) a portfolio
 * of contracts, from per-document figures measured here (`npm run bench`, `npm run bench:load`)
 * and AWS's published limits and prices. Pure arithmetic, so every figure in the README's scale
 * table can be recomputed and checked.
 */

/** What the model needs to know about the documents and the deployment. */
export interface ScaleInputs {
  contracts: number;
  /** Mean pages per contract. */
  pagesPerContract: number;
  /** Share of contracts that are scans (read by Amazon Textract, then analysed a second time). */
  scannedShare: number;
  /** Analysis time per page in the function, and the fixed time per document (S3 reads and writes, review page, fix pack). */
  msPerPage: number;
  fixedMsPerDocument: number;
  /** AnalyzeFunction memory (MB) and concurrency (the smaller of reserved concurrency and the event source's maximum). */
  memoryMb: number;
  concurrency: number;
  /** Contracts per invocation (the SQS batch size). */
  batchSize: number;
  /** Whether this is a rescan (the stored report is read first; scans are analysed with the OCR text kept from their first read). */
  rescan: boolean;
}

/** Prices and limits (us-east-1, on-demand, list prices; free tiers ignored). Each names where it comes from. */
export const AWS_PRICES = {
  /** Lambda, Arm: US$ per GB-second and per million requests. */
  lambdaGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** SQS standard queue: US$ per million requests (a batch of up to 10 messages is one request). */
  sqsPerMillionRequests: 0.4,
  /** S3 Standard: US$ per 1,000 PUT and per 1,000 GET requests, per GB-month stored. */
  s3PerThousandPut: 0.005,
  s3PerThousandGet: 0.0004,
  s3GbMonth: 0.023,
  /** Amazon Textract DetectDocumentText (asynchronous): US$ per page, first million pages a month. */
  textractPerPage: 0.0015,
  /** S3 LIST requests (ListObjectsV2, up to 1,000 keys a page): priced as PUT, US$ per 1,000. */
  s3PerThousandList: 0.005,
  /** Step Functions Standard: US$ per 1,000 state transitions (a Distributed Map's child starts counted as transitions of the parent). */
  stepFunctionsPerThousandTransitions: 0.025,
  /** Step Functions Express (the rescan's child workflows): US$ per million requests and per GB-second (billed in 64 MB, 100 ms steps). */
  expressPerMillionRequests: 1.0,
  expressGbSecond: 0.00001667,
} as const;

export const AWS_LIMITS = {
  /** Default Lambda concurrency per account and region (a quota that can be raised). */
  accountConcurrency: 1000,
  /** Default StartDocumentTextDetection rate (transactions per second) and concurrent asynchronous jobs in us-east-1. */
  textractStartTps: 10,
  textractConcurrentJobs: 100,
} as const;

/** Requests per contract, from the handlers' code (service/analyze-object.ts, service/report-store.ts). */
const S3_GETS_PER_CONTRACT = 3; // HEAD + GET of the upload, GET of the stored report (the ordering check)
const S3_PUTS_PER_CONTRACT = 3; // the JSON report, the review page, the fix pack (or its removal)
const SQS_REQUESTS_PER_MESSAGE = 1; // S3's send; receive and delete are batched below
/** Stored per contract besides the contract itself: JSON report, review page, fix pack (typical sizes here). */
const REPORT_BYTES = 120_000;

/** Contracts per child workflow of the rescan state machine: one SQS SendMessageBatch of 10 (its limit). */
const RESCAN_MESSAGES_PER_CHILD = 10;
/** A child workflow's billed duration and memory (one SendMessageBatch call; Express bills at least 64 MB). */
const RESCAN_CHILD_SECONDS = 0.2;
const RESCAN_CHILD_GB = 64 / 1024;

/**
 * What the rescan state machine itself costs (infra/constructs/portfolio-rescan.ts): the listing,
 * the parent's transitions, the Express child workflows, their SendMessageBatch requests, and
 * the outcome object the analyze function writes per contract. The analysis is in {@link estimate}.
 */
export function rescanFanOutCost(contracts: number): { usd: number; childWorkflows: number } {
  const childWorkflows = Math.ceil(contracts / RESCAN_MESSAGES_PER_CHILD);
  const listing = (Math.ceil(contracts / 1000) / 1000) * AWS_PRICES.s3PerThousandList;
  const transitions = ((childWorkflows + 3) / 1000) * AWS_PRICES.stepFunctionsPerThousandTransitions;
  const express =
    (childWorkflows / 1e6) * AWS_PRICES.expressPerMillionRequests + childWorkflows * RESCAN_CHILD_SECONDS * RESCAN_CHILD_GB * AWS_PRICES.expressGbSecond;
  const sends = (childWorkflows / 1e6) * AWS_PRICES.sqsPerMillionRequests;
  const outcomes = (contracts / 1000) * AWS_PRICES.s3PerThousandPut;
  return { usd: listing + transitions + express + sends + outcomes, childWorkflows };
}

export interface ScaleEstimate {
  /** Seconds of function time per contract (the scans' second analysis included, averaged). */
  secondsPerContract: number;
  /** Wall-clock hours at the given concurrency, and the Textract start rate's own floor for the scans. */
  wallHours: number;
  textractFloorHours: number;
  /** `fanOut`: the rescan state machine and its progress objects (0 for a first load). */
  costUsd: { lambda: number; sqs: number; s3Requests: number; textract: number; fanOut: number; total: number };
  /** Added S3 storage (reports and renderings), GB and US$ per month. */
  storageGb: number;
  storageUsdPerMonth: number;
}

export function estimate(inputs: ScaleInputs): ScaleEstimate {
  const { contracts } = inputs;
  const analysisSeconds = (inputs.fixedMsPerDocument + inputs.msPerPage * inputs.pagesPerContract) / 1000;
  // A scan is analysed twice: once to find the pages without text, once with the job's text.
  const secondsPerContract = analysisSeconds * (1 + inputs.scannedShare);
  const concurrency = Math.max(1, Math.min(inputs.concurrency, AWS_LIMITS.accountConcurrency));
  const wallHours = (contracts * secondsPerContract) / concurrency / 3600;
  const scans = contracts * inputs.scannedShare;
  // A rescan reads the OCR text kept from the first read: no Textract job, no start-rate floor.
  const ocrJobs = inputs.rescan ? 0 : scans;
  const textractFloorHours = ocrJobs / AWS_LIMITS.textractStartTps / 3600;

  const gbSeconds = contracts * secondsPerContract * (inputs.memoryMb / 1024);
  const invocations = contracts / inputs.batchSize + ocrJobs; // OCR results arrive one per invocation
  const lambda = gbSeconds * AWS_PRICES.lambdaGbSecond + (invocations / 1e6) * AWS_PRICES.lambdaPerMillionRequests;
  const sqsRequests = contracts * SQS_REQUESTS_PER_MESSAGE + (2 * contracts) / inputs.batchSize + 3 * ocrJobs;
  const sqs = (sqsRequests / 1e6) * AWS_PRICES.sqsPerMillionRequests;
  // A scan's job record and kept text: written and read once each on the first read; the kept text read on a rescan.
  const gets = contracts * S3_GETS_PER_CONTRACT + (inputs.rescan ? contracts + scans : scans * 3);
  const puts = contracts * S3_PUTS_PER_CONTRACT + ocrJobs * 2;
  const s3Requests = (gets / 1000) * AWS_PRICES.s3PerThousandGet + (puts / 1000) * AWS_PRICES.s3PerThousandPut;
  const textract = ocrJobs * inputs.pagesPerContract * AWS_PRICES.textractPerPage;
  const storageGb = inputs.rescan ? 0 : (contracts * REPORT_BYTES) / 1e9;
  const fanOut = inputs.rescan ? rescanFanOutCost(contracts).usd : 0;
  return {
    secondsPerContract,
    wallHours,
    textractFloorHours,
    costUsd: { lambda, sqs, s3Requests, textract, fanOut, total: lambda + sqs + s3Requests + textract + fanOut },
    storageGb,
    storageUsdPerMonth: storageGb * AWS_PRICES.s3GbMonth,
  };
}
