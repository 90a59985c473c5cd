import path from 'node:path';
import {
  KEY_PLACEHOLDER,
  type ApplyMode,
  type CliToolDefinition,
  type ToolContext,
  type ToolSetting,
} from './types.js';

/**
 * What the dashboard shows a user who sets a tool up by hand: `shell` lines to paste, a `file`'s
 * whole content (the file apply would write into an empty config), or `ui` values to type into a
 * settings screen. Built from the same definitions apply uses, so the snippets and apply can never
 * disagree; the key is always KEY_PLACEHOLDER (the dashboard puts a typed key in its place).
 */
export interface ToolSnippet {
  kind: 'shell' | 'file' | 'ui';
  /** kind file: where it goes, with the home folder as `~`. */
  file?: string;
  code: string;
}

const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;

/**
 * Files are planned with a key shaped like a real one and the placeholder put in afterwards: a
 * file format quotes `<your-gateway-key>` where it would not quote a key (.env), and the snippet
 * must read exactly as apply writes it once the dashboard fills the key in.
 */
const STAND_IN = 'sk-omniroute-snippet-key';

/**
 * `export NAME=value`, quoted when the value has spaces or shell characters. The placeholder is
 * judged as the key that replaces it (gateway keys need no quotes), so the line reads the same
 * before and after the dashboard fills a key in.
 */
function shellExport(name: string, value: string): string {
  const plain = /^[\w@%+=:,./-]+$/.test(value.split(KEY_PLACEHOLDER).join('k'));
  return `export ${name}=${plain ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`}`;
}

function tilde(ctx: ToolContext, file: string): string {
  const rel = path.relative(ctx.home, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
}

export async function toolSnippets(
  tool: CliToolDefinition,
  ctx: ToolContext,
  model: string,
  mode: ApplyMode,
): Promise<ToolSnippet[]> {
  const keep = mode === 'keep-login' ? tool.keepLogin : undefined;
  if (mode === 'keep-login' && !keep) return [];
  const settings: ToolSetting[] = keep ? keep.settings(ctx, model) : tool.settings(ctx, model);
  if (!(keep ? keep.edits : tool.edits))
    return [{ kind: 'ui', code: settings.map((s) => `${s.label}: ${s.value}`).join('\n') }];

  const out: ToolSnippet[] = [];
  const env = settings.filter((s) => ENV_VAR.test(s.label));
  if (env.length && tool.command)
    out.push({
      kind: 'shell',
      code: [
        ...env.map((s) => shellExport(s.label, s.value)),
        ...(keep?.unsetEnv?.length ? [`unset ${keep.unsetEnv.join(' ')}`] : []),
        tool.command,
      ].join('\n'),
    });
  for (const e of await plannedEdits(tool, ctx, model, mode)) {
    const code = e.update(undefined).trimEnd().split(STAND_IN).join(KEY_PLACEHOLDER);
    out.push({ kind: 'file', file: tilde(ctx, e.path), code });
  }
  return out;
}

/** The files apply would write in `mode` (none for UI-only tools). */
export async function plannedFiles(
  tool: CliToolDefinition,
  ctx: ToolContext,
  model: string,
  mode: ApplyMode,
): Promise<string[]> {
  return (await plannedEdits(tool, ctx, model, mode)).map((e) => e.path);
}

async function plannedEdits(tool: CliToolDefinition, ctx: ToolContext, model: string, mode: ApplyMode) {
  const edits = mode === 'keep-login' ? tool.keepLogin?.edits : tool.edits;
  // A definition that cannot plan its files here (an unreadable config) still has its shell lines.
  return (await edits?.(ctx, { model, apiKey: STAND_IN, mode }).catch(() => undefined)) ?? [];
}
