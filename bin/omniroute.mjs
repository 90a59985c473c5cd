#!/usr/bin/env node
// The headless CLI. Runs the compiled core: the single-file bundle when it exists (it starts
// faster: one module graph to load instead of hundreds of files), else tsc's output.
// `npm run build` makes both; `npm start` and `npm run serve` build first.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const entry = [path.join(dist, 'bundle', 'run.mjs'), path.join(dist, 'core', 'cli', 'run.js')].find((f) =>
  existsSync(f),
);
if (!entry) {
  process.stderr.write('omniroute: the core is not built yet. Run `npm run build` (or `npm start`).\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
