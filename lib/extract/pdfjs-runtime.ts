/**
 * Imported before pdf-parse. pdf.js inside a single-file bundle (the Lambda): it evaluates `new DOMMatrix()` at load (absent in Node
 * without the canvas package) and loads its in-process worker with a dynamic import that a
 * bundle cannot resolve. Importing this module before pdf-parse provides both. Text
 * extraction never uses the matrix.
 */
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

const scope = globalThis as Record<string, unknown>;

if (typeof scope.DOMMatrix === 'undefined') {
  scope.DOMMatrix = class DOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  };
}
scope.pdfjsWorker ??= pdfjsWorker;
