import fs from 'node:fs/promises';
import path from 'node:path';
import { JsoncError, readJsonc } from './edit/jsonc.js';
import { TomlError } from './edit/toml.js';
import { isDir, readText, which } from './files.js';
import { CliToolError, NO_KEY, type ToolContext } from './types.js';

/**
 * A directory or file named by one of the tool's own environment variables. Only absolute
 * values count: a relative one would be relative to the shell the tool runs in, not to us.
 */
export function envPath(ctx: ToolContext, name: string): string | undefined {
  const v = ctx.env[name]?.trim();
  return v && path.isAbsolute(v) ? v : undefined;
}

export const sameUrl = (a: unknown, b: string) =>
  typeof a === 'string' && a.trim().replace(/\/+$/, '') === b.replace(/\/+$/, '');

export const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Installed: one of its directories exists, or one of its commands is on PATH. */
export async function anyInstalled(ctx: ToolContext, dirs: string[], bins: string[]): Promise<boolean> {
  for (const d of dirs) if (await isDir(d)) return true;
  for (const b of bins) if (await which(b, ctx.env, ctx.platform)) return true;
  return false;
}

/** A VS Code-family editor has an extension whose folder starts with `prefix` (publisher.name-). */
export async function extensionInstalled(ctx: ToolContext, prefix: string): Promise<boolean> {
  const editors = ['.vscode', '.vscode-insiders', '.vscode-oss', '.vscode-server', '.cursor', '.windsurf'];
  for (const e of editors) {
    try {
      const names = await fs.readdir(path.join(ctx.home, e, 'extensions'));
      if (names.some((n) => n.toLowerCase().startsWith(prefix))) return true;
    } catch {}
  }
  return false;
}

/**
 * The key to write: the one given; else the one already in the tool's config when that config
 * points at this gateway (re-applying to change the model must not lose it); else a placeholder
 * the gateway accepts while keys are optional.
 */
export function pickKey(ctx: ToolContext, given: string | undefined, existing: string | undefined): string {
  if (given) return given;
  if (existing && existing !== NO_KEY) return existing;
  if (ctx.gateway.keyRequired) {
    throw new CliToolError(
      400,
      'This gateway requires an API key (it is exposed beyond this machine, or "require API key" is on). ' +
        'Create one under API keys (POST /api/keys) and send it as "apiKey".',
      'apiKey',
    );
  }
  return existing ?? NO_KEY;
}

/** The header a tool that keeps its own login sends the gateway key in (server/auth/gateway-key.ts). */
export const KEY_HEADER = 'x-omniroute-key';

/** The gateway key in a setting of "Name: value" headers split at `separator`, when ours is there. */
export function keyInHeaders(headers: string | undefined, separator: string | RegExp): string | undefined {
  for (const h of (headers ?? '').split(separator)) {
    const colon = h.indexOf(':');
    if (colon > 0 && h.slice(0, colon).trim().toLowerCase() === KEY_HEADER) return h.slice(colon + 1).trim();
  }
  return undefined;
}

/** Such a setting's headers, ours replaced by `key` (left out when there is none), the others kept. */
export function headersWithKey(
  headers: string | undefined,
  separator: string | RegExp,
  key: string | undefined,
): string[] {
  const kept = (headers ?? '')
    .split(separator)
    .filter((h) => h.trim() && h.split(':')[0]!.trim().toLowerCase() !== KEY_HEADER);
  return key ? [...kept, `${KEY_HEADER}: ${key}`] : kept;
}

/**
 * The gateway key a tool that keeps its own login sends in `x-omniroute-key`: the one given, else
 * the one its config already sends; none while keys are optional (the header is then left out).
 */
export function loginModeKey(
  ctx: ToolContext,
  given: string | undefined,
  existing: string | undefined,
): string | undefined {
  const key = given ?? (existing && existing !== NO_KEY ? existing : undefined);
  if (!key && ctx.gateway.keyRequired)
    throw new CliToolError(
      400,
      'This gateway requires an API key: the tool sends it as "x-omniroute-key" beside its own login. ' +
        'Create one under API keys (POST /api/keys) and send it as "apiKey".',
      'apiKey',
    );
  return key;
}

/** The refusal for a config file we cannot read safely: never overwrite what we do not understand. */
export function unreadable(file: string, err: unknown): CliToolError {
  const why = err instanceof JsoncError || err instanceof TomlError ? err.message : String(err);
  return new CliToolError(
    409,
    `${file} could not be read (${why}); nothing was written. Fix or move the file, then apply again.`,
  );
}

/** Reads a JSON/JSONC/JSON5 config, or undefined when it is missing or unreadable. */
export async function readJsonConfig(file: string): Promise<Record<string, unknown> | undefined> {
  const text = await readText(file);
  if (text === undefined) return undefined;
  try {
    return asObject(readJsonc(text));
  } catch {
    return undefined;
  }
}

/** Parses inside an edit, turning a parse error into the 409 refusal. */
export function parseOrRefuse<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof CliToolError) throw err;
    throw unreadable(file, err);
  }
}
