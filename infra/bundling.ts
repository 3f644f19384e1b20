/**
 * How the Lambda handlers are bundled: one ESM file per handler, built with the local esbuild.
 * CDK (infra/constructs/handler-function.ts), the bundle test and the benchmark all use these
 * settings, so what is tested is what is deployed.
 */
export const HANDLER_BUNDLING = {
  format: 'esm',
  /** Keep in line with the Lambda runtime (nodejs22.x). */
  target: 'node22',
  /** Prefer packages' ESM builds; some dependencies only tree-shake well that way. */
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  /** Source maps only need names and positions; embedding sources would double the bundle. */
  sourcesContent: false,
  /** CommonJS dependencies bundled into an ESM file still call require() for Node built-ins. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /** Tells the code it runs as one bundle, which is also the analyzer worker's module. */
  define: { 'globalThis.CLAUSEWATCH_BUNDLE': 'true' },
  /**
   * Left out of the bundle: tesseract.js starts its own worker script and reads its WebAssembly
   * core and model from node_modules, which a single-file bundle cannot hold. It is imported only
   * with `OCR=tesseract`, and a stack deployed with `ocr: 'tesseract'` installs it beside the bundle.
   */
  external: ['tesseract.js'],
} as const;

export const HANDLER_ENTRIES = {
  analyze: 'functions/analyze/handler.ts',
  deadLetter: 'functions/dead-letter/handler.ts',
  ocrResults: 'functions/ocr-results/handler.ts',
  consoleApi: 'functions/console-api/handler.ts',
} as const;

/** esbuild options for one handler bundle with these settings, for builds outside CDK (the bundle test, the benchmark). */
export function handlerBuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node' as const,
    outfile,
    format: HANDLER_BUNDLING.format,
    target: HANDLER_BUNDLING.target,
    mainFields: [...HANDLER_BUNDLING.mainFields],
    minify: HANDLER_BUNDLING.minify,
    sourcemap: HANDLER_BUNDLING.sourceMap,
    sourcesContent: HANDLER_BUNDLING.sourcesContent,
    banner: { js: HANDLER_BUNDLING.banner },
    define: HANDLER_BUNDLING.define,
    external: [...HANDLER_BUNDLING.external],
    logLevel: 'silent' as const,
  };
}
