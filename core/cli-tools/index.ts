import os from 'node:os';
import type { LoginKindId } from '../providers/login/types.js';
import { readText, writeWithBackup, type Written } from './files.js';
import { cliTool, CLI_TOOLS } from './registry.js';
import { plannedFiles, toolSnippets, type ToolSnippet } from './snippets.js';
import {
  CliToolError,
  type ApplyInput,
  type CliToolDefinition,
  type CliToolId,
  type ToolContext,
  type ToolInspection,
  type ToolNote,
  type ToolSetting,
} from './types.js';

export { CLI_TOOL_IDS, CliToolError, KEY_PLACEHOLDER, NO_KEY } from './types.js';
export type { ApplyMode, CliToolId, ToolContext, ToolSetting, ToolNote } from './types.js';
export type { ToolSnippet } from './snippets.js';
export { cliTool } from './registry.js';

export interface CliToolStatus {
  id: CliToolId;
  name: string;
  /** The main config file apply writes; absent for tools set up in their own UI. */
  configPath?: string;
  /** Every file apply writes (e.g. Codex: config.toml and .env). */
  files: string[];
  installed: boolean;
  configured: boolean;
  canApply: boolean;
  /** The model the tool's config names, when it points at this gateway. */
  currentModel?: string;
  settings: ToolSetting[];
  /** The same, ready to paste: shell lines, the files apply writes, or the values for its UI. */
  snippets: ToolSnippet[];
  notes: ToolNote[];
  /** The tool can keep its own vendor login through the gateway (apply with mode keep-login). */
  keepLogin?: {
    login: LoginKindId;
    settings: ToolSetting[];
    snippets: ToolSnippet[];
    /** The files apply writes in this mode (Codex: config.toml only, its .env holds a gateway-key variable). */
    files: string[];
    notes: ToolNote[];
  };
}

export interface CliToolApplied {
  id: CliToolId;
  path: string;
  backupPath?: string;
  /** False when the files already held exactly these settings (nothing written, no backup). */
  changed: boolean;
  files: Written[];
}

export interface ContextOptions {
  homeDir?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  origin: string;
  keyRequired: boolean;
  now?: () => Date;
}

export function toolContext(o: ContextOptions): ToolContext {
  return {
    home: o.homeDir ?? os.homedir(),
    env: o.env ?? process.env,
    platform: o.platform ?? process.platform,
    gateway: { origin: o.origin, v1: `${o.origin}/v1`, keyRequired: o.keyRequired },
    now: o.now ?? (() => new Date()),
  };
}

async function status(tool: CliToolDefinition, ctx: ToolContext, model: string): Promise<CliToolStatus> {
  const [files, installed, inspection, snippets, keepSnippets, keepFiles] = await Promise.all([
    tool.files(ctx),
    tool.installed(ctx),
    // A file we may not read (permissions) only means we cannot tell: the list still answers.
    tool.inspect(ctx).catch((): ToolInspection => ({ configured: false })),
    toolSnippets(tool, ctx, model, 'gateway-key'),
    toolSnippets(tool, ctx, model, 'keep-login'),
    plannedFiles(tool, ctx, model, 'keep-login'),
  ]);
  const notes = [...(tool.notes?.(ctx) ?? []), ...(inspection.blocked ? [inspection.blocked] : [])];
  return {
    id: tool.id,
    name: tool.name,
    ...(files[0] ? { configPath: files[0] } : {}),
    files,
    installed,
    configured: inspection.configured,
    canApply: !!tool.edits && !inspection.blocked,
    ...(inspection.model ? { currentModel: inspection.model } : {}),
    settings: tool.settings(ctx, model),
    snippets,
    notes,
    ...(tool.keepLogin
      ? {
          keepLogin: {
            login: tool.keepLogin.login,
            settings: tool.keepLogin.settings(ctx, model),
            snippets: keepSnippets,
            files: keepFiles,
            notes: tool.keepLogin.notes?.(ctx) ?? [],
          },
        }
      : {}),
  };
}

export function listCliTools(ctx: ToolContext, model: string): Promise<CliToolStatus[]> {
  return Promise.all(CLI_TOOLS.map((t) => status(t, ctx, model)));
}

// Applies run one at a time: each reads, merges and writes whole files.
let queue: Promise<unknown> = Promise.resolve();

export function applyCliTool(id: string, input: ApplyInput, ctx: ToolContext): Promise<CliToolApplied> {
  const run = queue.then(() => applyNow(id, input, ctx));
  queue = run.catch(() => undefined);
  return run;
}

async function applyNow(id: string, input: ApplyInput, ctx: ToolContext): Promise<CliToolApplied> {
  const tool = cliTool(id);
  if (!tool) throw new CliToolError(404, `No CLI tool "${id}". GET /api/cli-tools lists them.`);
  if (!tool.edits) throw new CliToolError(409, tool.manual(ctx));
  if (input.mode === 'keep-login' && !tool.keepLogin)
    throw new CliToolError(
      400,
      `${tool.name} cannot keep a vendor login through OmniRoute; apply it with a gateway key instead.`,
      'mode',
    );
  const edit = input.mode === 'keep-login' ? tool.keepLogin!.edits : tool.edits;
  const edits = await edit(ctx, input).catch((err: unknown) => {
    if (err instanceof CliToolError) throw err;
    throw new CliToolError(409, `${tool.name}'s configuration could not be read (${String(err)}).`);
  });
  // Compute every file before writing any, so a file we cannot read leaves all of them untouched.
  const planned: Array<{ path: string; content: string }> = [];
  for (const e of edits) {
    const previous = await readText(e.path).catch((err: NodeJS.ErrnoException) => {
      throw new CliToolError(
        409,
        `${e.path} could not be read (${err.code ?? err.message}); nothing was written.`,
      );
    });
    planned.push({ path: e.path, content: e.update(previous) });
  }
  const now = ctx.now();
  const files: Written[] = [];
  for (const p of planned) {
    try {
      files.push(await writeWithBackup(p.path, p.content, now));
    } catch (err) {
      const done = files.filter((f) => f.changed).map((f) => f.path);
      throw new CliToolError(
        409,
        `${p.path} could not be written (${(err as NodeJS.ErrnoException).code ?? String(err)})` +
          (done.length ? `; already written: ${done.join(', ')}.` : '; nothing was written.'),
      );
    }
  }
  const main = files[0]!;
  return {
    id: tool.id,
    path: main.path,
    ...(main.backupPath ? { backupPath: main.backupPath } : {}),
    changed: files.some((f) => f.changed),
    files,
  };
}
