// Every coding tool the dashboard can set up, one module each. Adding one: a module in tools/
// and one line here (and its id in CLI_TOOL_IDS).
import { claudeCode } from './tools/claude-code.js';
import { codex } from './tools/codex.js';
import { continueDev } from './tools/continue.js';
import { geminiCli } from './tools/gemini-cli.js';
import { opencode } from './tools/opencode.js';
import { openclaw } from './tools/openclaw.js';
import { cline, cursor, kiloCode } from './tools/ui-tools.js';
import type { CliToolDefinition, CliToolId } from './types.js';

export const CLI_TOOLS: readonly CliToolDefinition[] = [
  claudeCode,
  codex,
  geminiCli,
  opencode,
  cline,
  cursor,
  kiloCode,
  openclaw,
  continueDev,
];

const byId = new Map(CLI_TOOLS.map((t) => [t.id, t]));

export function cliTool(id: string): CliToolDefinition | undefined {
  return byId.get(id as CliToolId);
}
