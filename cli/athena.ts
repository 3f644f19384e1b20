import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { describeIssues } from '../lib/library/validate.js';
import { isComplexHiveType, portfolioGlueColumns } from '../lib/portfolio/columns.js';
import { compareByReportKey, PortfolioRecord } from '../lib/portfolio/record.js';

export type AthenaApi = Pick<AthenaClient, 'send'>;

/** The names the stack gives the portfolio query's resources (infra/constructs/portfolio-query.ts). */
export const DEFAULT_ATHENA = { workgroup: 'clausewatch-portfolio', database: 'clausewatch', table: 'portfolio_rows' } as const;

export interface AthenaTarget {
  workgroup: string;
  database: string;
  table: string;
}

/** A Glue or Athena name: letters, digits and underscores (hyphens in workgroups), so it can be quoted into the query safely. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;

/** The query: every column of the row schema; arrays and maps as JSON text so they come back exactly. */
export function portfolioQuery(database: string, table: string): string {
  for (const name of [database, table]) if (!NAME.test(name)) throw new Error(`Not a Glue name: ${JSON.stringify(name)}`);
  const columns = portfolioGlueColumns().map((column) =>
    isComplexHiveType(column.type) ? `json_format(CAST("${column.name}" AS JSON)) AS "${column.name}"` : `"${column.name}"`,
  );
  return `SELECT ${columns.join(', ')} FROM "${database}"."${table}"`;
}

export interface QueryOptions {
  /** Waits between status checks (injected by tests). */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Longest wait for the query to finish. */
  timeoutMs?: number;
}

const wait = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Runs the portfolio query in the workgroup and returns the rows, in their reports' key order. */
export async function queryPortfolioRecords(athena: AthenaApi, target: AthenaTarget, options: QueryOptions = {}): Promise<PortfolioRecord[]> {
  if (!NAME.test(target.workgroup)) throw new Error(`Not an Athena workgroup name: ${JSON.stringify(target.workgroup)}`);
  const sleep = options.sleep ?? wait;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const started = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: portfolioQuery(target.database, target.table),
      WorkGroup: target.workgroup,
      QueryExecutionContext: { Database: target.database },
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new Error('Athena started no query (no QueryExecutionId).');

  // Poll with backoff: quick for the usual few-second query, at most every 5 s for a long one.
  let delay = 250;
  let waited = 0;
  for (;;) {
    const execution = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
      throw new Error(`Athena query ${id} ${state.toLowerCase()}: ${reason}`);
    }
    if (waited >= timeoutMs) throw new Error(`Athena query ${id} still ${state ?? 'unknown'} after ${Math.round(waited / 1000)} s.`);
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, 5_000);
  }

  const records: PortfolioRecord[] = [];
  let names: string[] | null = null;
  let token: string | undefined;
  do {
    const page: GetQueryResultsCommandOutput = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
    names ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? '');
    const rows = page.ResultSet?.Rows ?? [];
    // The first row of the first page repeats the column names.
    for (const row of token === undefined ? rows.slice(1) : rows) records.push(recordOfResultRow(names, row.Data ?? []));
    token = page.NextToken;
  } while (token);
  return records.sort(compareByReportKey);
}

const TYPES = new Map(portfolioGlueColumns().map((column) => [column.name, column.type]));

/** A result row back into a row of the schema: JSON text parsed, booleans read, absent values null; a row that does not fit is an error naming it. */
export function recordOfResultRow(names: readonly string[], data: ReadonlyArray<{ VarCharValue?: string }>): PortfolioRecord {
  const values: Record<string, unknown> = {};
  names.forEach((name, index) => {
    const text = data[index]?.VarCharValue;
    const type = TYPES.get(name);
    if (type === undefined) return;
    if (text === undefined) values[name] = type.startsWith('map<') ? {} : type.startsWith('array<') ? [] : null;
    else if (isComplexHiveType(type)) values[name] = JSON.parse(text);
    else if (type === 'boolean') values[name] = text === 'true';
    else values[name] = text;
  });
  const parsed = PortfolioRecord.safeParse(values);
  if (!parsed.success)
    throw new Error(`Athena returned a row that is not a portfolio row (${String(values.file)}): ${describeIssues(parsed.error.issues.slice(0, 2))}`);
  return parsed.data;
}
