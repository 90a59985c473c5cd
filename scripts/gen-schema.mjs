// Writes docs/config.schema.json from the config schema in core/config/schema.ts (via the
// compiled core). tests/unit/config/schema-doc.test.ts fails when the committed file drifts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { configJsonSchema } = await import(pathToFileURL(path.join(root, 'dist/core/config/schema.js')).href);
writeFileSync(path.join(root, 'docs/config.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n');
console.log('wrote docs/config.schema.json');
