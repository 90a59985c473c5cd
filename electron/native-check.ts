// better-sqlite3 built for the wrong runtime is the most common reason desktop gateways fail to
// start (blank or black window). The shell loads it once, before anything else touches SQLite,
// and when that fails it says what happened and what to do — it never opens a blank window.
import { createRequire } from 'node:module';
import path from 'node:path';

/** Mirrors scripts/native.mjs: where `npm start` puts the Electron build of better-sqlite3. */
export function electronBindingPath(
  appRoot: string,
  electronVersion: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return path.join(
    appRoot,
    '.native',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/**
 * Development (`npm start` → `electron <repo>`): the .native/ build, when present. Packaged:
 * undefined — Forge rebuilt node_modules/better-sqlite3 for this Electron at packaging time and
 * the default binding (unpacked from the asar) is the right one.
 */
export function resolveNativeBinding(o: {
  isPackaged: boolean;
  appRoot: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
  exists: (p: string) => boolean;
}): string | undefined {
  if (o.isPackaged) return undefined;
  const p = electronBindingPath(o.appRoot, o.electronVersion, o.platform, o.arch);
  return o.exists(p) ? p : undefined;
}

export type NativeCheck = { ok: true } | { ok: false; title: string; message: string };

/** Opens an in-memory database with the chosen binding and closes it. Throws what better-sqlite3 throws. */
export function loadSqlite(nativeBinding: string | undefined, from: string | URL = import.meta.url): void {
  const require = createRequire(from);
  const Database = require('better-sqlite3') as new (
    file: string,
    opts?: { nativeBinding?: string },
  ) => { close(): void };
  new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
}

const ABI =
  /NODE_MODULE_VERSION|was compiled against|invalid ELF|not a valid Win32|wrong ELF class|mach-o|incompatible architecture/i;
const MISSING = /Could not locate the bindings|Cannot find module|ENOENT|no such file/i;

export function checkNativeModule(
  load: () => void,
  ctx: { isPackaged: boolean; electronVersion: string; modulesAbi: string; binding?: string },
): NativeCheck {
  try {
    load();
    return { ok: true };
  } catch (err) {
    const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 400);
    const what = ABI.test(raw)
      ? `The SQLite module (better-sqlite3) was built for a different runtime than this Electron ${ctx.electronVersion} (Node ABI ${ctx.modulesAbi}).`
      : MISSING.test(raw)
        ? 'The SQLite module (better-sqlite3) is missing from this installation.'
        : 'The SQLite module (better-sqlite3) could not be loaded.';
    const todo = ctx.isPackaged
      ? 'Reinstall OmniRoute with the latest installer for this system; the installer ships a module built for this version.'
      : 'Run `node scripts/native.mjs electron` in the repository (it builds the module for Electron into .native/; `npm start` does it for you), then start again. To use OmniRoute without the desktop shell meanwhile: `npm run serve`.';
    return {
      ok: false,
      title: 'OmniRoute cannot start',
      message:
        `${what}\n\nWhat to do: ${todo}\n\nYour data was not touched.\n\n` +
        `Details: ${raw}${ctx.binding ? `\nBinding: ${ctx.binding}` : ''}`,
    };
  }
}
