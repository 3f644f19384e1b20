// Compiles the TypeScript sources to dist/ so the CLI starts from JavaScript.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

// The web console's static files (web/dist), served by `npm start` and deployed to AWS.
const { buildWeb } = await import('./build-web.mjs');
await buildWeb();

// The built-in clause library and watchlist, every pattern against its examples: the runtime loads
// them without the examples (a cold start would pay half a second for the check), so it happens here.
const { checkDefaultLibrary } = await import('../dist/lib/library/load.js');
const { checkDefaultWatchlist } = await import('../dist/lib/exposure/load.js');
checkDefaultLibrary();
checkDefaultWatchlist();
