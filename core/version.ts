import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function readVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(path.resolve(here, p), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'omniroute-desktop' && pkg.version) return pkg.version;
    } catch {}
  }
  return '0.0.0';
}

export const VERSION = readVersion();
