import type { LoginKindId } from '../providers/login/types.js';

export const CLI_TOOL_IDS = [
  'claude-code',
  'codex',
  'gemini-cli',
  'opencode',
  'cline',
  'cursor',
  'kilo-code',
  'openclaw',
  'continue',
] as const;
export type CliToolId = (typeof CLI_TOOL_IDS)[number];

/** Stands for the gateway key wherever the status shows one: the core never knows the key. */
export const KEY_PLACEHOLDER = '<your-gateway-key>';
/**
 * Written where a tool refuses to start without a key and none was given. The gateway accepts
 * any key while keys are not required (loopback, settings.requireApiKey off).
 */
export const NO_KEY = 'omniroute-no-key';

export interface ToolContext {
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  gateway: {
    /** e.g. http://127.0.0.1:20128 — Anthropic and Gemini clients add their own paths. */
    origin: string;
    /** origin + /v1, for OpenAI-style clients. */
    v1: string;
    keyRequired: boolean;
  };
  now: () => Date;
}

export interface ToolSetting {
  /** The name the tool itself uses (a variable, a config key or a field in its UI). */
  label: string;
  value: string;
  kind: 'url' | 'key' | 'model' | 'text';
}

export interface ToolNote {
  /** Stable id (the dashboard translates it); `text` is the English wording. */
  id: string;
  text: string;
}

export interface ToolInspection {
  configured: boolean;
  /** The model the tool's config names, when it points at this gateway. */
  model?: string;
  /** Why apply would be refused in this setup (e.g. Continue still on config.json). */
  blocked?: ToolNote;
}

/** One file apply changes: `update` gets the current text (undefined: no file) and returns the new text. */
export interface FileEdit {
  path: string;
  update: (previous: string | undefined) => string;
}

/**
 * gateway-key: the tool uses a gateway key in place of a provider key. keep-login: the tool keeps
 * its own vendor login (Claude Code, Codex, Gemini CLI) and sends the gateway key beside it.
 */
export type ApplyMode = 'gateway-key' | 'keep-login';

export interface ApplyInput {
  model: string;
  apiKey?: string;
  mode?: ApplyMode;
}

/** How a tool keeps its own vendor login through the gateway (docs/subscriptions.md). */
export interface KeepLogin {
  /** The `login:` kind of the provider that forwards this tool's login. */
  login: LoginKindId;
  settings(ctx: ToolContext, model: string): ToolSetting[];
  notes?(ctx: ToolContext): ToolNote[];
  /** Writes the base URL and the gateway-key header, and never a vendor token. */
  edits(ctx: ToolContext, input: ApplyInput): Promise<FileEdit[]>;
  /** Variables a shell must not keep in this mode (they would win over the login). */
  unsetEnv?: string[];
}

export interface CliToolDefinition {
  id: CliToolId;
  name: string;
  /** The command that starts it, for the shell snippet; absent for tools without one. */
  command?: string;
  /** The files apply writes (the first is the tool's main config); none for UI-only tools. */
  files(ctx: ToolContext): Promise<string[]>;
  installed(ctx: ToolContext): Promise<boolean>;
  inspect(ctx: ToolContext): Promise<ToolInspection>;
  /** The exact values to enter by hand, for `model`. */
  settings(ctx: ToolContext, model: string): ToolSetting[];
  notes?(ctx: ToolContext): ToolNote[];
  /** How to configure it by hand, for the refusal when apply is not possible. */
  manual(ctx: ToolContext): string;
  /** Absent for tools configured only through their own UI. */
  edits?(ctx: ToolContext, input: ApplyInput): Promise<FileEdit[]>;
  /** Present for the tools that can keep their own vendor login through the gateway. */
  keepLogin?: KeepLogin;
}

/** A refusal with the HTTP status the management API answers. */
export class CliToolError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}
