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
