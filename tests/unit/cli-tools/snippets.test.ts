import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, CLI_TOOL_IDS, KEY_PLACEHOLDER, listCliTools } from '../../../core/cli-tools/index.js';
import { ORIGIN, read, tempHome } from './helpers.js';

const KEY = 'sk-omni-snippet-1';
const fill = (s: string) => s.split(KEY_PLACEHOLDER).join(KEY);

describe('the snippets a user pastes', () => {
  // The dashboard used to restate each tool's snippets by hand, and they drifted from what apply
  // writes (Claude Code's model variables). Now the snippets are apply's own output.
  it('every file snippet, with a key filled in, is exactly the file apply writes into an empty home', async () => {
    for (const mode of ['gateway-key', 'keep-login'] as const) {
      const shown = tempHome();
      const written = tempHome();
      const tools = await listCliTools(shown.ctx, 'some-combo');
      for (const tool of tools) {
        const snippets = mode === 'keep-login' ? tool.keepLogin?.snippets : tool.snippets;
        if (!snippets || !tool.canApply) continue;
        await applyCliTool(tool.id, { model: 'some-combo', apiKey: KEY, mode }, written.ctx);
        const files = snippets.filter((s) => s.kind === 'file');
        expect(files.length, `${tool.id} ${mode}`).toBeGreaterThan(0);
        for (const s of files) {
          const file = path.join(written.home, s.file!.replace(/^~\//, ''));
          expect(fill(s.code), `${tool.id} ${mode}: ${s.file}`).toBe(read(file).trimEnd());
        }
      }
    }
  });

  it('shell lines export every variable apply sets, unquoted around the key, and start the tool', async () => {
    const { ctx } = tempHome();
    const claude = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'claude-code')!;
    expect(claude.snippets[0]).toEqual({
      kind: 'shell',
      code: [
        `export ANTHROPIC_BASE_URL=${ORIGIN}`,
        `export ANTHROPIC_AUTH_TOKEN=${KEY_PLACEHOLDER}`,
        'export ANTHROPIC_MODEL=auto',
        'export ANTHROPIC_DEFAULT_OPUS_MODEL=auto',
        'export ANTHROPIC_DEFAULT_SONNET_MODEL=auto',
        'export ANTHROPIC_DEFAULT_HAIKU_MODEL=auto',
        'claude',
      ].join('\n'),
    });
    const keep = claude.keepLogin!.snippets[0]!;
    expect(keep.code).toContain(`export ANTHROPIC_CUSTOM_HEADERS="x-omniroute-key: ${KEY_PLACEHOLDER}"`);
    expect(keep.code).toContain('unset ANTHROPIC_AUTH_TOKEN ANTHROPIC_API_KEY\nclaude');
  });

  it('tools set up in their own UI get the values to type, and keep-login lists only the files it writes', async () => {
    const { ctx, home } = tempHome();
    const tools = await listCliTools(ctx, 'auto');
    expect(tools.map((t) => t.id)).toEqual([...CLI_TOOL_IDS]);
    const cursor = tools.find((t) => t.id === 'cursor')!;
    expect(cursor.snippets).toEqual([
      {
        kind: 'ui',
        code: `OpenAI API Key: ${KEY_PLACEHOLDER}\nOverride OpenAI Base URL: ${ORIGIN}/v1\nModel: auto`,
      },
    ]);
    const codex = tools.find((t) => t.id === 'codex')!;
    expect(codex.files).toEqual([
      path.join(home, '.codex', 'config.toml'),
      path.join(home, '.codex', '.env'),
    ]);
    expect(codex.keepLogin!.files).toEqual([path.join(home, '.codex', 'config.toml')]);
  });
});
