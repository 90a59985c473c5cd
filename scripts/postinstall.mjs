// Electron's own install script downloads its binary from the network. We deny it in
// package.json `allowScripts` so that an offline install never fails, and run it here
// ourselves, best effort: with network the app gets its window, without it `npm start`
// falls back to headless mode and says why.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
if (process.env.OMNIROUTE_SKIP_ELECTRON_DOWNLOAD === '1') process.exit(0);

let installJs;
try {
  installJs = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0); // production install without devDependencies
}
if (!existsSync(installJs)) process.exit(0);

const result = spawnSync(process.execPath, [installJs], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: Number(process.env.OMNIROUTE_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000),
  env: process.env,
});
if (result.status === 0) {
  console.log('omniroute: Electron binary ready; `npm start` opens the desktop app.');
} else {
  const reason = String(result.stderr ?? '')
    .split('\n')
    .find((l) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out/i.test(l));
  console.log(
    `omniroute: Electron binary not downloaded (${reason?.trim() || (result.error?.message ?? 'no network')}); ` +
      '`npm start` will run the gateway headless. Run `node node_modules/electron/install.js` with network to get the window.',
  );
}
process.exit(0);
