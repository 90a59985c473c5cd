import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Tests that spawn the CLI run the compiled core, exactly as users do.
export default function setup(): void {
  if (process.env.OMNIROUTE_TEST_SKIP_BUILD === '1') return;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--core-only', '--quiet'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the core failed');
}
