import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DataDirSources {
  /** `--data-dir` */
  flag?: string;
  /** The Electron shell passes app.getPath('userData'). */
  electronUserData?: string;
  env?: NodeJS.ProcessEnv;
}

/** Precedence: Electron userData, `--data-dir`, `$DATA_DIR`, else `~/.omniroute`. */
export function resolveDataDir(sources: DataDirSources = {}): string {
  const env = sources.env ?? process.env;
  const chosen =
    sources.electronUserData || sources.flag || env.DATA_DIR || path.join(os.homedir(), '.omniroute');
  return path.resolve(chosen.replace(/^~(?=$|[\\/])/, os.homedir()));
}

export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
