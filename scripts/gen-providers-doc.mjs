// Writes the built-in provider table in docs/providers.md from the registry (via the compiled
// core). tests/unit/providers-doc.test.ts fails when the committed table drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { BUILTIN_PROVIDERS } = await import(
  pathToFileURL(path.join(root, 'dist/core/providers/builtin.js')).href
);
const { providerTable } = await import(
  pathToFileURL(path.join(root, 'dist/core/providers/doc-table.js')).href
);
const file = path.join(root, 'docs/providers.md');
const doc = readFileSync(file, 'utf8');
const start = doc.indexOf('<!-- providers:start -->');
const end = doc.indexOf('<!-- providers:end -->');
writeFileSync(
  file,
  doc.slice(0, start) +
    '<!-- providers:start -->\n' +
    providerTable(BUILTIN_PROVIDERS) +
    '<!-- providers:end -->' +
    doc.slice(end + '<!-- providers:end -->'.length),
);
console.log('wrote docs/providers.md');
