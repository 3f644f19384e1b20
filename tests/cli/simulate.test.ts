import { describe, expect, it } from 'vitest';
import { capturePrinted } from '../helpers/console.js';
import { main } from '../../cli/simulate.js';

describe('npm run simulate', () => {
  const printed = capturePrinted();

  it('prints one row per contract count, and the same figures as JSON', async () => {
    expect(await main(['--contracts', '10000', '--contracts', '1000000', '--scanned', '0'])).toBe(0);
    const table = printed.join('\n');
    expect(table).toMatch(/^10,000 /m);
    expect(table).toMatch(/^1,000,000 /m);
    printed.length = 0;
    expect(await main(['--contracts', '1000', '--json', '--concurrency', '50'])).toBe(0);
    const json = JSON.parse(printed[0]!);
    expect(json.inputs.concurrency).toBe(50);
    expect(json.results[0].contracts).toBe(1000);
    expect(json.results[0].costUsd.total).toBeGreaterThan(0);
  });

  it('refuses a share of scans above 1 and a count that is not a number', async () => {
    expect(await main(['--scanned', '1.5'])).toBe(2);
    expect(await main(['--contracts', 'many'])).toBe(2);
  });
});
