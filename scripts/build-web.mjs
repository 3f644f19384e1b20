// Bundles the web console (web/src) into static files in web/dist: index.html, app.js, app.css.
// No external resources: everything the page needs is in these three files.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const web = fileURLToPath(new URL('../web/', import.meta.url));

export async function buildWeb() {
  const out = `${web}dist/`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { app: `${web}src/main.ts`, 'app-style': `${web}src/style.css` },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // esbuild names a CSS entry after its key; the page links app.css.
  copyFileSync(`${out}app-style.css`, `${out}app.css`);
  rmSync(`${out}app-style.css`);
  copyFileSync(`${web}index.html`, `${out}index.html`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();
