// Writes the built-in provider table in docs/providers.md from the registry (via the compiled
// core). tests/unit/providers-doc.test.ts fails when the committed table drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { BUILTIN_PROVIDERS } = await import(
  pathToFileURL(path.join(root, 'dist/core/providers/builtin.js')).href
);
const { providerTable, freeTierTable } = await import(
  pathToFileURL(path.join(root, 'dist/core/providers/doc-table.js')).href
);
const file = path.join(root, 'docs/providers.md');
let doc = readFileSync(file, 'utf8');
const put = (name, table) => {
  const start = doc.indexOf(`<!-- ${name}:start -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  doc =
    doc.slice(0, start) +
    `<!-- ${name}:start -->\n` +
    table +
    `<!-- ${name}:end -->` +
    doc.slice(end + `<!-- ${name}:end -->`.length);
};
put('providers', providerTable(BUILTIN_PROVIDERS));
put('free-tiers', freeTierTable(BUILTIN_PROVIDERS));
writeFileSync(file, doc);
console.log('wrote docs/providers.md');
