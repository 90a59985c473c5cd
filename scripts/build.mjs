// Builds what is stale: the core (tsc → dist/core), the dashboard (vite → dist/renderer) and
// the Electron shell (tsc → dist/electron). `--core-only` skips the rest; `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const force = args.has('--force');
const log = (s) => quiet || console.log(s);

function newest(dir, exts) {
  let t = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function stale(stamp, sources) {
  if (force || !existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some(([dir, exts]) => newest(path.join(root, dir), exts) > built);
}

function run(cmd, argv, what, env = process.env) {
  const bin = path.join(root, 'node_modules', '.bin', cmd);
  const r = spawnSync(bin, argv, { cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(String(r.stdout ?? '') + String(r.stderr ?? ''));
    console.error(`build: ${what} failed`);
    process.exit(r.status ?? 1);
  }
}

const coreStamp = path.join(root, 'dist', 'core', '.stamp');
if (
  stale(coreStamp, [
    ['core', ['.ts', '.json']],
    ['.', ['package.json', 'tsconfig.base.json', 'tsconfig.build.json']],
  ])
) {
  log('build: core (tsc)…');
  run('tsc', ['-p', 'tsconfig.build.json'], 'core');
  // One bundle for the CLI: loading one module graph instead of hundreds of small files
  // (zod alone is ~120) takes the start-up from ~0.5 s to ~0.25 s. The native module stays out.
  rmSync(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
  run(
    'rolldown',
    [
      'dist/core/cli/run.js',
      '--format',
      'esm',
      '--platform',
      'node',
      '--dir',
      'dist/bundle',
      '--external',
      'better-sqlite3',
      '--entry-file-names',
      '[name].mjs',
      '--chunk-file-names',
      '[name]-[hash].mjs',
      '--log-level',
      'warn',
    ],
    'core bundle',
  );
  writeFileSync(coreStamp, new Date().toISOString());
}

if (!args.has('--core-only')) {
  if (existsSync(path.join(root, 'renderer', 'index.html'))) {
    const stamp = path.join(root, 'dist', 'renderer', '.stamp');
    if (stale(stamp, [['renderer', ['.ts', '.tsx', '.css', '.html', '.json', '.svg']]])) {
      log('build: dashboard (vite)…');
      run(
        'vite',
        ['build', '--config', 'renderer/vite.config.ts', '--logLevel', quiet ? 'error' : 'warn'],
        'dashboard',
        // React's production build, even when started from a test runner (NODE_ENV=test).
        { ...process.env, NODE_ENV: 'production' },
      );
      writeFileSync(stamp, new Date().toISOString());
    }
  }
  if (existsSync(path.join(root, 'electron', 'tsconfig.build.json'))) {
    const stamp = path.join(root, 'dist', 'electron', '.stamp');
    if (stale(stamp, [['electron', ['.ts']]])) {
      log('build: desktop shell (tsc)…');
      run('tsc', ['-p', 'electron/tsconfig.build.json'], 'desktop shell');
      writeFileSync(stamp, new Date().toISOString());
    }
  }
}
