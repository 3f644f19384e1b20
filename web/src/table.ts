/** The contracts table: rows built with DOM APIs, filters and column sorting as on the portfolio page. */
import { el, safeHref } from './dom.js';
import type { ContractStatus, ContractSummary, ExposureLevel, Level, Verdict } from './types.js';

export type SortColumn = 'name' | 'uploadedAt' | 'status' | 'forceMajeure' | 'exportControl' | 'severity' | 'exposure' | 'review';
export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}
export interface Filters {
  text: string;
  status: string;
  forceMajeure: string;
  exportControl: string;
  severity: string;
  review: string;
}

const VERDICT: Record<Verdict, { word: string; symbol: string; rank: number }> = {
  missing: { word: 'Missing', symbol: '✕', rank: 3 },
  weak: { word: 'Weak', symbol: '!', rank: 2 },
  adequate: { word: 'Adequate', symbol: '✓', rank: 1 },
};
const LEVEL_RANK: Record<ExposureLevel, number> = { high: 4, medium: 3, low: 2, none: 1 };
const LEVEL_WORD: Record<ExposureLevel, string> = { high: 'High', medium: 'Medium', low: 'Low', none: 'None' };
export const STATUS_WORD: Record<ContractStatus, string> = { queued: 'Queued', analyzing: 'Analyzing', done: 'Done', error: 'Error' };
const STATUS_RANK: Record<ContractStatus, number> = { error: 4, analyzing: 3, queued: 2, done: 1 };
/** Risk columns start riskiest first, as on the portfolio page; names start A to Z; upload times newest first. */
const TEXT_COLUMNS: ReadonlySet<SortColumn> = new Set(['name']);

/** The value a column sorts by: a rank (higher is riskier) or text. */
export function sortValue(contract: ContractSummary, column: SortColumn): number | string {
  switch (column) {
    case 'name':
      return contract.name;
    case 'uploadedAt':
      return contract.uploadedAt;
    case 'status':
      return STATUS_RANK[contract.status];
    case 'forceMajeure':
    case 'exportControl': {
      const verdict = contract.verdicts[column];
      return verdict ? VERDICT[verdict].rank : 0;
    }
    case 'severity':
      return contract.severity ? LEVEL_RANK[contract.severity] : 0;
    case 'exposure':
      return contract.exposure ? LEVEL_RANK[contract.exposure] : 0;
    case 'review':
      return contract.review?.needed ? 1 : 0;
  }
}

export function sortContracts(contracts: readonly ContractSummary[], order: SortOrder): ContractSummary[] {
  return contracts
    .map((contract, index) => ({ contract, index }))
    .sort((a, b) => {
      const left = sortValue(a.contract, order.column);
      const right = sortValue(b.contract, order.column);
      let result =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : String(left).localeCompare(String(right), undefined, { numeric: true, sensitivity: 'base' });
      if (order.descending) result = -result;
      return result || a.index - b.index;
    })
    .map((entry) => entry.contract);
}

export function firstDirection(column: SortColumn): boolean {
  return !TEXT_COLUMNS.has(column);
}

export function matches(contract: ContractSummary, filters: Filters): boolean {
  const needle = filters.text.trim().toLowerCase();
  if (needle !== '') {
    const haystack = [
      contract.name,
      contract.key,
      STATUS_WORD[contract.status],
      contract.error?.code ?? '',
      contract.error?.message ?? '',
      ...(contract.review?.reasons ?? []),
    ]
      .join(' ')
      .toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  if (filters.status && contract.status !== filters.status) return false;
  if (filters.forceMajeure && (contract.verdicts.forceMajeure ?? 'none') !== filters.forceMajeure) return false;
  if (filters.exportControl && (contract.verdicts.exportControl ?? 'none') !== filters.exportControl) return false;
  if (filters.severity && (contract.severity ?? 'none') !== filters.severity) return false;
  if (filters.review && (contract.review?.needed ? 'needed' : 'none') !== filters.review) return false;
  return true;
}

/** "2026-12-04 19:30" in UTC, the same for everyone in a team, with "UTC" under it. */
function uploadedCell(iso: string): HTMLTableCellElement {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return el('td', { attributes: { 'data-value': iso } }, match ? match[1]! : iso, match ? el('span', { className: 'time' }, `${match[2]} UTC`) : null);
}

function dash(): HTMLSpanElement {
  return el('span', { className: 'muted', attributes: { 'aria-label': 'none' } }, '—');
}

function verdictCell(verdict: Verdict | null, clause: string): HTMLTableCellElement {
  if (!verdict) return el('td', { attributes: { 'data-verdict': 'none' } }, dash());
  const label = VERDICT[verdict];
  return el(
    'td',
    { attributes: { 'data-verdict': verdict } },
    el(
      'span',
      { className: `badge verdict-${verdict}`, attributes: { title: `${clause}: ${label.word}` } },
      el('span', { attributes: { 'aria-hidden': 'true' } }, label.symbol),
      ` ${label.word}`,
    ),
  );
}

function levelCell(level: Level | ExposureLevel | null, attribute: string): HTMLTableCellElement {
  return el('td', { attributes: { [attribute]: level ?? 'none' } }, level ? el('span', { className: `badge level-${level}` }, LEVEL_WORD[level]) : dash());
}

function fileCell(contract: ContractSummary): HTMLTableCellElement {
  const review = contract.status === 'done' || contract.status === 'error' ? safeHref(contract.links.reviewPage) : null;
  const fixPack = safeHref(contract.links.fixPack);
  const name = review
    ? el('a', { className: 'name review-link', attributes: { href: review, target: '_blank', rel: 'noopener' } }, contract.name)
    : el('span', { className: 'name' }, contract.name);
  const links = fixPack
    ? el('span', { className: 'links' }, el('a', { className: 'fix-pack-link', attributes: { href: fixPack, download: '' } }, 'Fix pack (DOCX)'))
    : null;
  return el('td', { className: 'file' }, name, links);
}

function statusCell(contract: ContractSummary): HTMLTableCellElement {
  return el(
    'td',
    { className: 'status', attributes: { 'data-status': contract.status } },
    el('span', { className: `badge status-${contract.status}` }, STATUS_WORD[contract.status]),
    contract.error ? el('span', { className: 'error-detail' }, el('code', {}, contract.error.code), ' ', contract.error.message) : null,
  );
}

function reviewCell(contract: ContractSummary): HTMLTableCellElement {
  const review = contract.review;
  if (!review?.needed) return el('td', { attributes: { 'data-review': 'none' } }, dash());
  return el(
    'td',
    { attributes: { 'data-review': 'needed' } },
    el('span', { className: 'review-flag' }, 'Check'),
    review.reasons.length > 0 ? el('span', { className: 'review-reasons' }, review.reasons.join(', ')) : null,
  );
}

export function contractRow(contract: ContractSummary): HTMLTableRowElement {
  return el(
    'tr',
    { attributes: { 'data-key': contract.key } },
    fileCell(contract),
    uploadedCell(contract.uploadedAt),
    statusCell(contract),
    verdictCell(contract.verdicts.forceMajeure, 'Force majeure'),
    verdictCell(contract.verdicts.exportControl, 'Export control'),
    levelCell(contract.severity, 'data-severity'),
    levelCell(contract.exposure, 'data-exposure'),
    reviewCell(contract),
  );
}

/** Sentence read out when a contract's status changes. */
export function describeChange(contract: ContractSummary): string {
  if (contract.status === 'error') return `${contract.name}: not analyzed (${contract.error?.code ?? 'error'}).`;
  if (contract.status !== 'done') return `${contract.name}: ${STATUS_WORD[contract.status].toLowerCase()}.`;
  const verdict = (value: Verdict | null) => (value ? VERDICT[value].word.toLowerCase() : 'not assessed');
  return `${contract.name}: analyzed; force majeure ${verdict(contract.verdicts.forceMajeure)}, export control ${verdict(contract.verdicts.exportControl)}.`;
}
