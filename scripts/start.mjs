// `npm start`: the desktop app when an Electron binary and a display are there; otherwise the
// same gateway and dashboard headless, with one line saying why there is no window.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passthrough = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const bin = require('electron'); // a path string when the binary was downloaded; throws otherwise
    return typeof bin === 'string' && existsSync(bin)
      ? { bin }
      : {
          why: 'the Electron binary is not installed (it is downloaded by `npm install` when the network allows)',
        };
  } catch {
    return {
      why: 'the Electron binary is not installed (it is downloaded by `npm install` when the network allows)',
    };
  }
}

function whyNoWindow() {
  if (process.env.OMNIROUTE_HEADLESS === '1') return { why: 'OMNIROUTE_HEADLESS=1 asks for headless mode' };
  const e = electronBinary();
  if (e.why) return e;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { why: 'no display ($DISPLAY / $WAYLAND_DISPLAY is not set)' };
  }
  if (!existsSync(path.join(root, 'dist', 'electron', 'main.js')))
    return { why: 'the desktop shell is not built' };
  return e;
}

const choice = whyNoWindow();
if (choice.bin) {
  const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'native.mjs'), 'electron'], {
    stdio: 'inherit',
  });
  if (native.status === 0) {
    const child = spawn(choice.bin, [root, ...passthrough], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    runHeadless('the SQLite module could not be built for Electron (see above)');
  }
} else {
  runHeadless(choice.why);
}

function runHeadless(why) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'omniroute.mjs'), 'serve', ...passthrough], {
    stdio: 'inherit',
    env: { ...process.env, OMNIROUTE_HEADLESS_REASON: `${why}; running headless.` },
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
