import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Newest mtime of the dashboard's sources (the same file kinds scripts/build.mjs watches). */
function newestRendererSource(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestRendererSource(p));
    else if (/\.(ts|tsx|css|html|json|svg)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The dashboard (vite → dist/renderer) for the browser tests, only when its sources changed.
 * Same stamp as scripts/build.mjs, so neither rebuilds what the other just built.
 */
function buildDashboard(): void {
  if (!existsSync(path.join(root, 'renderer', 'index.html'))) return;
  const stamp = path.join(root, 'dist', 'renderer', '.stamp');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestRendererSource(path.join(root, 'renderer')))
    return;
  const vite = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  const r = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('building the dashboard failed');
  writeFileSync(stamp, new Date().toISOString());
}

// Tests that spawn the CLI run the compiled core, exactly as users do.
export default function setup(): void {
  if (process.env.OMNIROUTE_TEST_SKIP_BUILD === '1') return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--core-only', '--quiet'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the core failed');
  buildDashboard();
}
