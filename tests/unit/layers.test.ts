import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types; its exports are exercised here.
import { checkLayers, compareWithBaseline } from '../../scripts/check-layers.mjs';

const repo = path.resolve(import.meta.dirname, '../..');

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  return root;
}

describe('import layers', () => {
  it('the tree has no import that breaks the layers beyond the listed debts, and no listed debt is gone', () => {
    const baseline = JSON.parse(fs.readFileSync(path.join(repo, 'scripts/layers-baseline.json'), 'utf8'));
    const { fresh, gone } = compareWithBaseline(checkLayers(repo), baseline);
    expect(fresh, 'new layer violations (fix them; see docs/contributing.md)').toEqual([]);
    expect(gone, 'fixed debts still listed in scripts/layers-baseline.json').toEqual([]);
  });

  it('finds an upward import, a type-only one included, and leaves downward ones alone', () => {
    const root = tree({
      'core/routing/a.ts': "import type { X } from '../gateway/b.js';\nexport const a = 1;\n",
      'core/gateway/b.ts': "import { a } from '../routing/a.js';\nexport type X = typeof a;\n",
      'core/formats/c.ts': "import { y } from '../util/y.js';\nexport const c = y;\n",
      'core/util/y.ts': 'export const y = 1;\n',
    });
    const found = checkLayers(root);
    expect(found).toContain('upward: core/routing/a.ts -> core/gateway/b.ts');
    expect(found.filter((f: string) => f.startsWith('upward'))).toHaveLength(1);
    expect(found).toContain('cycle: core/gateway/b.ts -> core/routing/a.ts -> core/gateway/b.ts');
  });

  it('finds a cycle inside one folder, and a dynamic import', () => {
    const root = tree({
      'core/store/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'core/store/b.ts': "export const b = () => import('./a.js');\n",
    });
    expect(checkLayers(root)).toEqual(['cycle: core/store/a.ts -> core/store/b.ts -> core/store/a.ts']);
  });

  it('electron reaches core only through its entry; the renderer imports core only as types', () => {
    const root = tree({
      'core/index.ts': "export * from './util/x.js';\n",
      'core/util/x.ts': 'export const x = 1;\nexport type T = number;\n',
      'electron/ok.ts': "import { x } from '../core/index.js';\nexport const e = x;\n",
      'electron/bad.ts': "import { x } from '../core/util/x.js';\nexport const e = x;\n",
      'renderer/src/ok.ts': "import type { T } from '../../core/util/x.js';\nexport type U = T;\n",
      'renderer/src/bad.ts': "import { x } from '../../core/util/x.js';\nexport const r = x;\n",
    });
    expect(checkLayers(root)).toEqual([
      'electron-reach: electron/bad.ts -> core/util/x.ts',
      'renderer-value: renderer/src/bad.ts -> core/util/x.ts',
    ]);
  });
});
