// better-sqlite3 is a native module: one build per runtime ABI. Node's build stays where npm
// put it (node_modules/better-sqlite3/build); Electron's goes to .native/electron-<version>/
// and the shell hands its path to the core (`nativeBinding`), so neither runtime ever needs a
// manual rebuild and switching between `npm test` and the app never breaks the other.
//   node scripts/native.mjs electron   → ensure the Electron build exists (prints its path)
//   node scripts/native.mjs check      → verify the Node build loads
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const mode = process.argv[2] ?? 'check';
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));

export function electronBindingPath(version) {
  return path.join(
    root,
    '.native',
    `electron-${version}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
}

if (mode === 'check') {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    console.log('better-sqlite3 loads under Node', process.versions.node);
  } catch (err) {
    console.error(
      `better-sqlite3 does not load under Node ${process.versions.node}: ${err.message}\nFix: npm rebuild better-sqlite3`,
    );
    process.exit(1);
  }
} else if (mode === 'electron') {
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const target = electronBindingPath(version);
  if (existsSync(target)) {
    console.log(target);
    process.exit(0);
  }
  // Build in a scratch copy so the Node build in node_modules is never overwritten.
  const work = mkdtempSync(path.join(os.tmpdir(), 'omniroute-sqlite-'));
  cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  rmSync(path.join(work, 'build'), { recursive: true, force: true });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  const prebuilt = spawnSync(
    path.join(root, 'node_modules', '.bin', 'prebuild-install'),
    ['--runtime', 'electron', '--target', version],
    { cwd: work, env, stdio: 'inherit' },
  );
  let ok = prebuilt.status === 0;
  if (!ok) {
    const gyp = spawnSync(
      'npm',
      [
        'exec',
        '--yes',
        '--',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${version}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, env, stdio: 'inherit' },
    );
    ok = gyp.status === 0;
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    console.error(
      `Could not build better-sqlite3 for Electron ${version} (needs network for headers or a prebuilt binary).`,
    );
    process.exit(1);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(built, target);
  rmSync(work, { recursive: true, force: true });
  console.log(target);
} else {
  console.error('usage: node scripts/native.mjs check|electron');
  process.exit(2);
}
