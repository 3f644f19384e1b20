/** The console: upload contracts, watch their analysis, open the results. */
import { ApiError, type ApiClient, apiClient, fetchContracts, fetchLimits, loadRuntimeConfig, refusalMessage } from './api.js';
import { bearerToken, signedInAs, signOut } from './auth.js';
import { describeLimits } from './checks.js';
import { byId } from './dom.js';
import { contractRow, describeChange, type Filters, firstDirection, matches, type SortColumn, type SortOrder, sortContracts } from './table.js';
import type { ContractSummary, RuntimeConfig, UploadLimits } from './types.js';
import { bindFileInputs, uploadFiles } from './upload.js';

/** Polling while something is pending: quick at first, slower the longer it takes. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;
const BACKOFF = 1.5;

/** Used when the API does not say its limits; the server checks again either way. */
const FALLBACK_LIMITS: UploadLimits = { maxBytes: 50 * 1024 * 1024, extensions: ['.pdf', '.docx', '.txt', '.md'], maxFiles: 50 };

interface State {
  contracts: ContractSummary[];
  order: SortOrder;
  /** Last status seen per key, to announce changes. */
  seen: Map<string, string>;
  delay: number;
  timer: number | undefined;
  /** Uploads still in flight: their contracts are not listed yet, but will be. */
  uploading: number;
  lastPayload: string;
}

function readFilters(): Filters {
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value;
  return {
    text: value('filter-text'),
    status: value('filter-status'),
    forceMajeure: value('filter-fm'),
    exportControl: value('filter-ec'),
    severity: value('filter-severity'),
    review: value('filter-review'),
  };
}

function render(state: State): void {
  const body = byId<HTMLTableSectionElement>('contract-rows');
  const active = document.activeElement;
  const focusedRow = active instanceof HTMLElement && body.contains(active) ? active.closest('tr')?.getAttribute('data-key') : null;
  const focusedClass = active instanceof HTMLElement ? active.className : '';
  const filters = readFilters();
  const rows = sortContracts(state.contracts, state.order).filter((contract) => matches(contract, filters));
  body.replaceChildren(...rows.map(contractRow));
  byId('shown-count').textContent = `Showing ${rows.length} of ${state.contracts.length}`;
  byId('no-match').hidden = rows.length > 0 || state.contracts.length === 0;
  byId('empty').hidden = state.contracts.length > 0;
  if (focusedRow) {
    // A refresh rebuilds the rows: keep the keyboard where it was.
    const row = [...body.rows].find((candidate) => candidate.getAttribute('data-key') === focusedRow);
    const target = row?.querySelector<HTMLElement>(focusedClass ? `.${focusedClass.split(' ').join('.')}` : 'a');
    target?.focus();
  }
}

function announce(state: State, contracts: readonly ContractSummary[]): void {
  const firstLoad = state.seen.size === 0 && state.lastPayload === '';
  const messages: string[] = [];
  for (const contract of contracts) {
    const before = state.seen.get(contract.key);
    if (!firstLoad && before !== contract.status) messages.push(describeChange(contract));
    state.seen.set(contract.key, contract.status);
  }
  if (messages.length > 0) byId('announcer').textContent = messages.join(' ');
}

function pending(state: State): boolean {
  return state.uploading > 0 || state.contracts.some((contract) => contract.status === 'queued' || contract.status === 'analyzing');
}

function clock(): string {
  return new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function schedule(state: State, client: ApiClient, delay: number): void {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => void refresh(state, client), delay);
}

async function refresh(state: State, client: ApiClient): Promise<void> {
  window.clearTimeout(state.timer);
  state.timer = undefined;
  const line = byId('refresh-state');
  try {
    const response = await fetchContracts(client);
    const payload = JSON.stringify(response.contracts);
    announce(state, response.contracts);
    if (payload !== state.lastPayload) {
      state.lastPayload = payload;
      state.contracts = response.contracts;
      render(state);
    }
    const working = state.contracts.filter((contract) => contract.status === 'queued' || contract.status === 'analyzing').length;
    if (pending(state)) {
      line.textContent = `${working} contract${working === 1 ? '' : 's'} in analysis · updated ${clock()}, checking again shortly.`;
      schedule(state, client, state.delay);
      state.delay = Math.min(MAX_DELAY_MS, state.delay * BACKOFF);
    } else {
      line.textContent = `Up to date at ${clock()}.`;
      state.delay = FIRST_DELAY_MS;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      // The session ended: sign in again (bearerToken leaves the page when it must).
      sessionStorage.removeItem('clausewatch.tokens');
      await bearerToken(client.config);
      return;
    }
    line.textContent = `Could not refresh the list (${(error as Error).message}); trying again in ${Math.round(state.delay / 1000)} s.`;
    schedule(state, client, state.delay);
    state.delay = Math.min(MAX_DELAY_MS, state.delay * BACKOFF);
  }
}

function bindSorting(state: State): void {
  const headers = [...document.querySelectorAll<HTMLTableCellElement>('#contracts thead th[data-sort]')];
  for (const header of headers) {
    const column = header.getAttribute('data-sort') as SortColumn;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener('click', () => {
      const current = header.getAttribute('aria-sort');
      const descending = current === 'descending' ? false : current === 'ascending' ? true : firstDirection(column);
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      state.order = { column, descending };
      render(state);
    });
  }
}

/**
 * Portfolio downloads: plain links locally. With sign-in a link cannot send the bearer token, so
 * the file is fetched with it and saved from memory (an object URL and a temporary download
 * link). The HTML page is saved too: opened from memory it would run under the console's own
 * policy, which admits none of the page's inline styles or its sorting script; saved, it opens
 * offline under the policy it carries.
 */
function bindDownloads(client: ApiClient): void {
  const downloads = byId('portfolio-downloads');
  downloads.hidden = client.config.portfolio !== true;
  if (downloads.hidden) return;
  const links: Array<[string, string]> = [
    ['download-csv', '/api/portfolio.csv'],
    ['download-xlsx', '/api/portfolio.xlsx'],
    ['open-portfolio', '/api/portfolio.html'],
  ];
  for (const [id, path] of links) {
    const link = byId<HTMLAnchorElement>(id);
    link.href = client.url(path);
    if (!client.config.auth) continue;
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    link.download = fileName;
    link.removeAttribute('target');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (link.getAttribute('aria-disabled') === 'true') return;
      void saveDownload(client, link, fileName);
    });
  }
}

async function saveDownload(client: ApiClient, link: HTMLAnchorElement, fileName: string): Promise<void> {
  // Shown beside the list and read out by screen readers.
  const tell = (message: string) => {
    byId('refresh-state').textContent = message;
    byId('announcer').textContent = message;
  };
  link.setAttribute('aria-disabled', 'true');
  tell(`Building ${fileName}…`);
  try {
    const response = await fetch(link.href, { headers: client.headers(), cache: 'no-store' });
    if (!response.ok) {
      const message = await refusalMessage(response);
      tell(response.status === 401 ? 'Your session has ended: reload the page to sign in again.' : `The portfolio could not be built: ${message}`);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = document.createElement('a');
    save.href = url;
    save.download = fileName;
    save.hidden = true;
    document.body.appendChild(save);
    save.click();
    save.remove();
    // The browser has read the object by the time the download starts; keep it a little longer anyway.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    tell(`${fileName} downloaded.`);
  } catch (error) {
    tell(`The portfolio could not be downloaded (${(error as Error).message}).`);
  } finally {
    link.removeAttribute('aria-disabled');
  }
}

function showAccount(config: RuntimeConfig): void {
  if (!config.auth) return;
  byId('account').hidden = false;
  byId('account-name').textContent = signedInAs() ?? 'Signed in';
  byId('sign-out').addEventListener('click', () => signOut(config));
}

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  const token = await bearerToken(config);
  const client = apiClient(config, token);
  showAccount(config);
  bindDownloads(client);
  const limits = await fetchLimits(client).catch(() => FALLBACK_LIMITS);
  byId('limits-text').textContent = describeLimits(limits);
  byId<HTMLInputElement>('file-input').accept = limits.extensions.join(',');

  const state: State = {
    contracts: [],
    order: { column: 'uploadedAt', descending: true },
    seen: new Map(),
    delay: FIRST_DELAY_MS,
    timer: undefined,
    uploading: 0,
    lastPayload: '',
  };
  bindSorting(state);
  byId('controls').addEventListener('input', () => render(state));
  byId('controls').addEventListener('submit', (event) => event.preventDefault());
  byId('refresh').addEventListener('click', () => {
    state.delay = FIRST_DELAY_MS;
    void refresh(state, client);
  });
  bindFileInputs(byId('drop-zone'), byId<HTMLInputElement>('file-input'), byId<HTMLButtonElement>('choose-files'), (files) => {
    state.uploading++;
    void uploadFiles(client, limits, files, byId('uploads'), () => {
      state.delay = FIRST_DELAY_MS;
      void refresh(state, client);
    }).finally(() => {
      state.uploading--;
      state.delay = FIRST_DELAY_MS;
      void refresh(state, client);
    });
  });
  await refresh(state, client);
}

start().catch((error: unknown) => {
  const box = byId('app-error');
  box.textContent = `The console could not start: ${(error as Error).message}`;
  box.hidden = false;
});
