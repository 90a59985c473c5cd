import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { toolContext, type ToolContext } from '../../../core/cli-tools/index.js';

export const ORIGIN = 'http://127.0.0.1:20128';
export const V1 = `${ORIGIN}/v1`;

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

/** A throw-away home directory and a context whose clock the test moves. */
export function tempHome(opts: { env?: Record<string, string>; keyRequired?: boolean } = {}): {
  home: string;
  ctx: ToolContext;
  tick: (seconds?: number) => void;
} {
  const home = mkdtempSync(path.join(os.tmpdir(), 'omniroute-cli-home-'));
  homes.push(home);
  let now = new Date(2025, 0, 2, 3, 4, 5);
  const ctx = toolContext({
    homeDir: home,
    env: { PATH: '', ...opts.env },
    origin: ORIGIN,
    keyRequired: opts.keyRequired ?? false,
    now: () => now,
  });
  return { home, ctx, tick: (s = 1) => (now = new Date(now.getTime() + s * 1000)) };
}

export function put(file: string, content: string, mode?: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, mode === undefined ? undefined : { mode });
}

export const read = (file: string) => readFileSync(file, 'utf8');
export const modeOf = (file: string) => statSync(file).mode & 0o777;

/** Backups next to `file`. */
export function backupsOf(file: string): string[] {
  const base = path.basename(file);
  return readdirSync(path.dirname(file))
    .filter((n) => n.startsWith(`${base}.omniroute-backup-`))
    .sort();
}
