#!/usr/bin/env node
// The headless CLI. Runs the compiled core (npm run build compiles it; npm start and
// npm run serve do that for you).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'core', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('omniroute: the core is not built yet. Run `npm run build` (or `npm start`).\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2), { headlessReason: process.env.OMNIROUTE_HEADLESS_REASON });
