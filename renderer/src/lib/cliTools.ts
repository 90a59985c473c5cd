import type { CliToolId } from '../api/types';

export interface ToolSnippet {
  /** i18n key of the snippet's caption under cli.snippet.*, or a file path shown as is. */
  titleKey: string;
  file?: string;
  code: string;
}

export interface ToolSetup {
  id: CliToolId;
  name: string;
  /** OpenAI-compatible (…/v1) or native (Anthropic / Gemini: origin, no /v1). */
  kind: 'anthropic' | 'gemini' | 'openai' | 'responses';
  snippets: ToolSnippet[];
  /** i18n key of a note under cli.notes.* */
  noteKey?: string;
}

/**
 * The exact settings each coding tool needs to use this gateway.
 * `origin` is the gateway (http://127.0.0.1:20128); OpenAI-style tools use origin + /v1.
 */
export function toolSetups(origin: string, key: string, model: string): ToolSetup[] {
  const v1 = `${origin}/v1`;
  return [
    {
      id: 'claude-code',
      name: 'Claude Code',
      kind: 'anthropic',
      noteKey: 'claude',
      snippets: [
        {
          titleKey: 'shell',
          code: [
            `export ANTHROPIC_BASE_URL=${origin}`,
            `export ANTHROPIC_AUTH_TOKEN=${key}`,
            `export ANTHROPIC_MODEL=${model}`,
            'claude',
          ].join('\n'),
        },
        {
          titleKey: 'file',
          file: '~/.claude/settings.json',
          code: JSON.stringify(
            { env: { ANTHROPIC_BASE_URL: origin, ANTHROPIC_AUTH_TOKEN: key, ANTHROPIC_MODEL: model } },
            null,
            2,
          ),
        },
      ],
    },
    {
      id: 'codex',
      name: 'Codex CLI',
      kind: 'responses',
      snippets: [
        {
          titleKey: 'file',
          file: '~/.codex/config.toml',
          code: [
            `model = "${model}"`,
            'model_provider = "omniroute"',
            '',
            '[model_providers.omniroute]',
            'name = "OmniRoute"',
            `base_url = "${v1}"`,
            'env_key = "OMNIROUTE_API_KEY"',
            'wire_api = "responses"',
          ].join('\n'),
        },
        { titleKey: 'shell', code: `export OMNIROUTE_API_KEY=${key}\ncodex` },
      ],
    },
    {
      id: 'gemini-cli',
      name: 'Gemini CLI',
      kind: 'gemini',
      snippets: [
        {
          titleKey: 'shell',
          code: [
            `export GOOGLE_GEMINI_BASE_URL=${origin}`,
            `export GEMINI_API_KEY=${key}`,
            `export GEMINI_MODEL=${model}`,
            'gemini',
          ].join('\n'),
        },
      ],
    },
    {
      id: 'opencode',
      name: 'OpenCode',
      kind: 'openai',
      snippets: [
        {
          titleKey: 'file',
          file: '~/.config/opencode/opencode.json',
          code: JSON.stringify(
            {
              $schema: 'https://opencode.ai/config.json',
              provider: {
                omniroute: {
                  npm: '@ai-sdk/openai-compatible',
                  name: 'OmniRoute',
                  options: { baseURL: v1, apiKey: key },
                  models: { [model]: { name: model } },
                },
              },
              model: `omniroute/${model}`,
            },
            null,
            2,
          ),
        },
      ],
    },
    {
      id: 'cline',
      name: 'Cline',
      kind: 'openai',
      noteKey: 'ui',
      snippets: [
        {
          titleKey: 'ui',
          code: [
            'API Provider: OpenAI Compatible',
            `Base URL: ${v1}`,
            `API Key: ${key}`,
            `Model ID: ${model}`,
          ].join('\n'),
        },
      ],
    },
    {
      id: 'cursor',
      name: 'Cursor',
      kind: 'openai',
      noteKey: 'cursor',
      snippets: [
        {
          titleKey: 'ui',
          code: [
            'Settings → Models → API Keys',
            `OpenAI API Key: ${key}`,
            `Override OpenAI Base URL: ${v1}`,
            `Add model: ${model}`,
          ].join('\n'),
        },
      ],
    },
    {
      id: 'kilo-code',
      name: 'Kilo Code',
      kind: 'openai',
      noteKey: 'ui',
      snippets: [
        {
          titleKey: 'ui',
          code: [
            'API Provider: OpenAI Compatible',
            `Base URL: ${v1}`,
            `API Key: ${key}`,
            `Model: ${model}`,
          ].join('\n'),
        },
      ],
    },
    {
      id: 'openclaw',
      name: 'OpenClaw',
      kind: 'openai',
      snippets: [
        {
          titleKey: 'file',
          file: '~/.openclaw/openclaw.json',
          code: JSON.stringify(
            {
              models: {
                providers: {
                  omniroute: {
                    baseUrl: v1,
                    apiKey: key,
                    api: 'openai-completions',
                    models: [{ id: model, name: `OmniRoute ${model}` }],
                  },
                },
              },
              agents: { defaults: { model: { primary: `omniroute/${model}` } } },
            },
            null,
            2,
          ),
        },
      ],
    },
    {
      id: 'continue',
      name: 'Continue',
      kind: 'openai',
      snippets: [
        {
          titleKey: 'file',
          file: '~/.continue/config.yaml',
          code: [
            'name: OmniRoute',
            'version: 0.0.1',
            'schema: v1',
            'models:',
            `  - name: OmniRoute ${model}`,
            '    provider: openai',
            `    model: ${model}`,
            `    apiBase: ${v1}`,
            `    apiKey: ${key}`,
          ].join('\n'),
        },
      ],
    },
  ];
}
