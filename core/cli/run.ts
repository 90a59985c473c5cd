// The CLI entry the bundle is built from (scripts/build.mjs → dist/bundle/run.mjs).
import { main } from './main.js';

await main(process.argv.slice(2), { headlessReason: process.env.OMNIROUTE_HEADLESS_REASON });
