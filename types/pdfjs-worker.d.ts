// pdf.js's worker module, imported only so a bundle carries it (see functions/analyze/pdfjs-runtime.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
