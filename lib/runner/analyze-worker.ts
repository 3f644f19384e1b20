import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { resolveSharedInputs, SharedInputCache, WORKER_MARKER, type AnalyzeJob, type WorkerMessage } from './protocol.js';

/** A one-page PDF with a line of text: the warm-up loads pdf.js and its worker before real work. */
const WARM_UP_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n' +
    '4 0 obj<</Length 66>>stream\nBT /F1 12 Tf 20 50 Td (Neither party shall be liable for delay.) Tj ET\nendstream endobj\n' +
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

async function warmUp(): Promise<void> {
  const { analyzeDocument } = await import('../analyze.js');
  const { loadDefaultLibrary } = await import('../library/load.js');
  const library = loadDefaultLibrary();
  await analyzeDocument(WARM_UP_PDF, { name: 'warm-up.pdf', library });
  await analyzeDocument(Buffer.from('1. Force Majeure. Neither party shall be liable for delays beyond its reasonable control.'), {
    name: 'warm-up.txt',
    library,
  });
}

/** Serves analysis jobs from the pool until the thread is terminated. */
export async function serveAnalysisJobs(): Promise<void> {
  const port = parentPort!;
  // Loaded here, not at the top: the module is also part of handler bundles whose main thread never parses.
  const { analyzeDocument } = await import('../analyze.js');
  if ((workerData as { warmUp?: boolean } | undefined)?.warmUp !== false) await warmUp();
  // The same library object from one job to the next, so its compiled patterns are reused.
  const held = new SharedInputCache();
  port.on('message', async (job: AnalyzeJob) => {
    const { analyzedAt, ...options } = job.options;
    const shared = resolveSharedInputs(job.shared, held);
    const { report } = await analyzeDocument(job.bytes, { ...options, ...shared, library: shared.library!, now: () => new Date(analyzedAt) });
    port.postMessage({ type: 'done', id: job.id, report } satisfies WorkerMessage);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_MARKER) {
  void serveAnalysisJobs();
}
