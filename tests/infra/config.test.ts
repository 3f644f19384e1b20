import { RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS, settingsFromContext } from '../../infra/config.js';

const fromContext = (context: Record<string, unknown>) => settingsFromContext((key) => context[key]);

describe('settingsFromContext', () => {
  it('leaves every setting unset (stack defaults apply) when no context is given', () => {
    expect(fromContext({})).toEqual(Object.fromEntries(CONTEXT_KEYS.map((key) => [key, undefined])));
  });

  it('parses -c strings and cdk.json values into typed settings', () => {
    expect(
      fromContext({
        bucketName: 'acme-contracts',
        contractsPrefix: 'in/',
        reportsPrefix: 'out/',
        memorySize: '2048',
        timeout: 300,
        alarmEmail: 'ops@example.com',
        reservedConcurrency: '4',
        logRetention: '365',
        removalPolicy: 'destroy',
      }),
    ).toEqual({
      bucketName: 'acme-contracts',
      contractsPrefix: 'in/',
      reportsPrefix: 'out/',
      memorySize: 2048,
      timeout: 300,
      alarmEmail: 'ops@example.com',
      reservedConcurrency: 4,
      logRetention: 365,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  });

  it('treats an empty -c value as unset', () => {
    expect(fromContext({ alarmEmail: '', timeout: ' ' })).toMatchObject({ alarmEmail: undefined, timeout: undefined });
  });

  it.each([
    [{ alarmEmail: 'not-an-address' }, /alarmEmail/],
    [{ timeout: '901' }, /timeout/],
    [{ timeout: '2.5' }, /timeout/],
    [{ memorySize: 'lots' }, /memorySize/],
    [{ reservedConcurrency: 1 }, /reservedConcurrency/],
    [{ logRetention: 100 }, /logRetention must be one of/],
    [{ removalPolicy: 'snapshot' }, /removalPolicy/],
    [{ bucketName: 'Upper_Case' }, /bucketName/],
    [{ contractsPrefix: 'contracts' }, /must be folder names/],
    [{ reportsPrefix: 'contracts/out/' }, /must not contain one another/],
  ])('rejects %j', (context, message) => {
    expect(() => fromContext(context)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => fromContext({ timeout: 0, memorySize: 1 })).toThrow(/timeout[\s\S]*memorySize|memorySize[\s\S]*timeout/);
  });
});
