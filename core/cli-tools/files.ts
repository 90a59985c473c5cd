import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The first executable called `bin` on PATH (with PATHEXT on Windows). */
export async function which(
  bin: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts =
    platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const p = path.join(dir, bin + ext);
      try {
        const st = await fs.stat(p);
        if (!st.isFile()) continue;
        if (platform !== 'win32') await fs.access(p, constants.X_OK);
        return p;
      } catch {}
    }
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyymmdd-hhmmss in local time: the user reads these names next to their own files. */
export function stamp(d: Date): string {
  return (
    `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-` +
    `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`
  );
}

/** Where a file really lives: writing through a symlink (dotfile managers) keeps the link. */
async function realTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    try {
      const st = await fs.lstat(file);
      if (st.isSymbolicLink()) return path.resolve(path.dirname(file), await fs.readlink(file));
    } catch {}
    return file;
  }
}

export interface Written {
  path: string;
  backupPath?: string;
  changed: boolean;
}

/**
 * Replaces `file` with `content`: an existing file is first copied to
 * `<file>.omniroute-backup-<yyyymmdd-hhmmss>` (same mode), then the new content is written to a
 * temporary file in the same directory and renamed over it, so the tool never reads half a file.
 * The mode of an existing file is kept; a new file is 0600 (it holds a key). Nothing is written
 * when the content is already the same.
 */
export async function writeWithBackup(file: string, content: string, now: Date): Promise<Written> {
  const target = await realTarget(file);
  const previous = await readText(target);
  if (previous === content) return { path: file, changed: false };
  await fs.mkdir(path.dirname(target), { recursive: true });
  const mode = previous === undefined ? 0o600 : (await fs.stat(target)).mode & 0o7777;
  let backupPath: string | undefined;
  if (previous !== undefined) {
    const base = `${target}.omniroute-backup-${stamp(now)}`;
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      try {
        await fs.copyFile(target, candidate, constants.COPYFILE_EXCL);
        backupPath = candidate;
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 99) throw err;
      }
    }
    await fs.chmod(backupPath, mode);
  }
  const tmp = `${target}.omniroute-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await fs.open(tmp, 'wx', mode);
    try {
      await fh.writeFile(content, 'utf8');
      await fh.chmod(mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return { path: file, ...(backupPath ? { backupPath } : {}), changed: true };
}
