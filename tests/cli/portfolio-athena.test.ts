import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AthenaApi, portfolioQuery } from '../../cli/athena.js';
import { main as portfolio } from '../../cli/portfolio.js';
import { portfolioGlueColumns } from '../../lib/portfolio/columns.js';
import { type PortfolioRecord, portfolioRecordOf } from '../../lib/portfolio/record.js';
import { buildPortfolio, type PortfolioEntry } from '../../lib/portfolio/rows.js';
import { portfolioCsv } from '../../lib/portfolio/csv.js';
import { analyzeFixture } from '../helpers/fixtures.js';

const recorded = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/athena', name), 'utf8'));

/** A row as Athena's GetQueryResults gives it: every value as text (complex ones as the query's JSON), a null value absent. */
function resultRow(record: PortfolioRecord): { Data: Array<{ VarCharValue?: string }> } {
  return {
    Data: portfolioGlueColumns().map(({ name }) => {
      const value = (record as Record<string, unknown>)[name];
      if (value === null) return {};
      return { VarCharValue: typeof value === 'string' ? value : JSON.stringify(value) };
    }),
  };
}

/** Athena as the SDK client sees it: a query runs QUEUED → RUNNING → its end state; results paged by NextToken. */
class FakeAthena implements AthenaApi {
  readonly queries: StartQueryExecutionCommand['input'][] = [];
  polls = 0;
  outcome: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED';
  constructor(
    private readonly records: PortfolioRecord[],
    private readonly pageSize: number,
  ) {}

  send = (async (command: unknown) => {
    if (command instanceof StartQueryExecutionCommand) {
      this.queries.push(command.input);
      return { QueryExecutionId: 'c0ffee00-0000-4000-8000-000000000001' };
    }
    if (command instanceof GetQueryExecutionCommand) {
      this.polls++;
      if (this.polls === 1) return { QueryExecution: { QueryExecutionId: command.input.QueryExecutionId, Status: { State: 'QUEUED' } } };
      if (this.polls === 2) return { QueryExecution: { QueryExecutionId: command.input.QueryExecutionId, Status: { State: 'RUNNING' } } };
      return recorded(this.outcome === 'SUCCEEDED' ? 'succeeded.json' : 'failed.json');
    }
    if (command instanceof GetQueryResultsCommand) {
      const start = command.input.NextToken ? Number(command.input.NextToken.replace('page-', '')) : 0;
      const rows = this.records.slice(start, start + this.pageSize).map(resultRow);
      const header = { Data: portfolioGlueColumns().map(({ name }) => ({ VarCharValue: name })) };
      const next = start + this.pageSize < this.records.length ? `page-${start + this.pageSize}` : undefined;
      return {
        ResultSet: {
          Rows: start === 0 ? [header, ...rows] : rows,
          ResultSetMetadata: { ColumnInfo: portfolioGlueColumns().map(({ name }) => ({ ...recorded('column-info.json'), Name: name, Label: name })) },
        },
        ...(next ? { NextToken: next } : {}),
      };
    }
    throw new Error(`unexpected command ${String(command)}`);
  }) as AthenaApi['send'];
}

const NAMES = ['weak-fm.txt', 'strong-fm.txt', 'scanned.pdf', 'split-fm.txt', 'logistics-services.md'];

describe('npm run portfolio -- s3://bucket --athena', () => {
  let entries: PortfolioEntry[];
  let work: string;
  let logs: string[];
  const sleeps: number[] = [];
  const athenaOptions = { sleep: async (milliseconds: number) => void sleeps.push(milliseconds) };
  beforeAll(async () => {
    entries = await Promise.all(
      NAMES.map(async (name) => ({ file: `acme/${name}`, report: (await analyzeFixture(name)).report, reviewHref: null, fixPackHref: null })),
    );
  });
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-athena-'));
    logs = [];
    sleeps.length = 0;
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logs.push(String(line)));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(work, { recursive: true, force: true });
  });

  it('builds the portfolio from one query, paging its results, with the CSV the reports give', async () => {
    // Athena returns rows in no particular order; shuffled here by reversing.
    const records = entries.map((entry) => portfolioRecordOf(entry.file, entry.report, false)).reverse();
    const athena = new FakeAthena(records, 2);
    const out = path.join(work, 'out');
    expect(
      await portfolio(['s3://contracts-bucket', '--athena', '--out', out, '--workgroup', 'team_wg', '--table', 'rows_v1'], { athena, athenaOptions }),
      logs.join('\n'),
    ).toBe(0);
    expect(athena.queries).toEqual([
      { QueryString: portfolioQuery('clausewatch', 'rows_v1'), WorkGroup: 'team_wg', QueryExecutionContext: { Database: 'clausewatch' } },
    ]);
    expect(athena.queries[0]!.QueryString).toContain('json_format(CAST("verdicts" AS JSON)) AS "verdicts"');
    // Two polls before it succeeded, waiting longer each time.
    expect(sleeps).toEqual([250, 500]);
    expect(logs).toContain('Read 5 portfolio row(s) with one Athena query (workgroup team_wg, table clausewatch.rows_v1); no review pages linked.');
    const sorted = [...entries].sort((a, b) => (`${a.file}.json` < `${b.file}.json` ? -1 : 1));
    expect(readFileSync(path.join(out, 'portfolio.csv'), 'utf8')).toBe(portfolioCsv(buildPortfolio(sorted)));
    expect(readFileSync(path.join(out, 'portfolio.html'), 'utf8')).toContain('<strong data-count="contracts">5</strong>');
  });

  it('fails with the reason Athena gives when the query fails, writing nothing', async () => {
    const athena = new FakeAthena([], 100);
    athena.outcome = 'FAILED';
    const out = path.join(work, 'out');
    expect(await portfolio(['s3://contracts-bucket', '--athena', '--out', out], { athena, athenaOptions })).toBe(1);
    expect(logs.join('\n')).toContain(
      "Athena query c0ffee00-0000-4000-8000-000000000001 failed: TABLE_NOT_FOUND: line 1:20: Table 'awsdatacatalog.clausewatch.portfolio_rows' does not exist",
    );
  });

  it('refuses names that cannot be quoted into the query, and --athena without a bucket', async () => {
    const athena = new FakeAthena([], 100);
    expect(await portfolio(['s3://b', '--athena', '--out', work, '--table', 'x"; DROP TABLE y; --'], { athena, athenaOptions })).toBe(1);
    expect(athena.queries).toEqual([]);
    expect(await portfolio([work, '--athena', '--out', work], { athena, athenaOptions })).toBe(2);
  });
});
