import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AWS_LIMITS, AWS_PRICES, estimate, rescanFanOutCost, type ScaleInputs } from '../../../lib/scale/model.js';

const BASE: ScaleInputs = {
  contracts: 100_000,
  pagesPerContract: 20,
  scannedShare: 0,
  msPerPage: 3.4,
  fixedMsPerDocument: 120,
  memoryMb: 1536,
  concurrency: 5,
  batchSize: 5,
  rescan: false,
};

describe('scale model', () => {
  it('adds up function time, wall time and the Lambda bill from the per-document figures', () => {
    const result = estimate(BASE);
    expect(result.secondsPerContract).toBeCloseTo(0.188, 6);
    expect(result.wallHours).toBeCloseTo((100_000 * 0.188) / 5 / 3600, 6);
    const gbSeconds = 100_000 * 0.188 * 1.5;
    expect(result.costUsd.lambda).toBeCloseTo(gbSeconds * AWS_PRICES.lambdaGbSecond + (20_000 / 1e6) * AWS_PRICES.lambdaPerMillionRequests, 6);
    expect(result.costUsd.textract).toBe(0);
    expect(result.textractFloorHours).toBe(0);
  });

  it('bills every page of a scan to Textract and analyses the scan twice', () => {
    const scans = estimate({ ...BASE, scannedShare: 0.1 });
    expect(scans.costUsd.textract).toBeCloseTo(10_000 * 20 * AWS_PRICES.textractPerPage, 6);
    expect(scans.secondsPerContract).toBeCloseTo(0.188 * 1.1, 6);
    expect(scans.textractFloorHours).toBeCloseTo(10_000 / AWS_LIMITS.textractStartTps / 3600, 6);
  });

  it('reads each stored report in a rescan, stores nothing new, and reads scans from their kept OCR text', () => {
    const load = estimate(BASE);
    const rescan = estimate({ ...BASE, rescan: true });
    expect(rescan.storageGb).toBe(0);
    expect(load.storageGb).toBeGreaterThan(0);
    const scannedLoad = estimate({ ...BASE, scannedShare: 0.1 });
    const scannedRescan = estimate({ ...BASE, scannedShare: 0.1, rescan: true });
    expect(scannedLoad.costUsd.textract).toBeGreaterThan(0);
    expect(scannedRescan.costUsd.textract).toBe(0);
    expect(scannedRescan.textractFloorHours).toBe(0);
    expect(scannedRescan.secondsPerContract).toBe(scannedLoad.secondsPerContract);
  });

  it('is linear in the number of contracts and never runs above the account concurrency', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 5_000 }), (contracts, concurrency) => {
        const one = estimate({ ...BASE, contracts, concurrency });
        const two = estimate({ ...BASE, contracts: contracts * 2, concurrency });
        expect(two.costUsd.total).toBeCloseTo(one.costUsd.total * 2, 6);
        const capped = estimate({ ...BASE, contracts, concurrency: AWS_LIMITS.accountConcurrency });
        expect(one.wallHours).toBeGreaterThanOrEqual(capped.wallHours - 1e-12);
      }),
    );
  });
});

describe('rescan fan-out cost', () => {
  it('adds the state machine, its child workflows, their sends and the outcome objects to a rescan only', () => {
    const base = {
      contracts: 200_000,
      pagesPerContract: 20,
      scannedShare: 0,
      msPerPage: 3.4,
      fixedMsPerDocument: 120,
      memoryMb: 1536,
      concurrency: 15,
      batchSize: 5,
    };
    const fanOut = rescanFanOutCost(200_000);
    expect(fanOut.childWorkflows).toBe(20_000);
    // 200 list pages, 20,003 transitions, 20,000 Express requests and 0.2 s at 64 MB each, 20,000 batch sends, 200,000 outcome PUTs.
    const expected =
      0.2 * AWS_PRICES.s3PerThousandList +
      20.003 * AWS_PRICES.stepFunctionsPerThousandTransitions +
      0.02 * AWS_PRICES.expressPerMillionRequests +
      20_000 * 0.2 * (64 / 1024) * AWS_PRICES.expressGbSecond +
      0.02 * AWS_PRICES.sqsPerMillionRequests +
      200 * AWS_PRICES.s3PerThousandPut;
    expect(fanOut.usd).toBeCloseTo(expected, 9);
    expect(estimate({ ...base, rescan: true }).costUsd.fanOut).toBeCloseTo(expected, 9);
    expect(estimate({ ...base, rescan: false }).costUsd.fanOut).toBe(0);
  });
});
