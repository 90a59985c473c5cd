import type { CliToolId, CliToolSetting } from '../api/types';

/** Stands for the gateway key until one is typed (the core's own placeholder too). */
export const KEY_PLACEHOLDER = '<your-gateway-key>';

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

/** A setting's value as the user should enter it: the typed key in place of the placeholder. */
export function settingValue(s: CliToolSetting, key: string | undefined): string {
  if (s.kind !== 'key' || !key) return s.value;
  return s.value.includes(KEY_PLACEHOLDER) ? s.value.split(KEY_PLACEHOLDER).join(key) : key;
}

/** `export NAME=value`, quoted when the value has spaces or shell characters. */
function shellExport(name: string, value: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
  return `export ${name}=${quoted}`;
}

/** A TOML value: booleans, numbers and inline tables/arrays as they are, anything else a string. */
function tomlValue(value: string): string {
  return /^(true|false|-?\d+(\.\d+)?)$/.test(value) || /^[{[]/.test(value) ? value : JSON.stringify(value);
}

const isEnvVar = (label: string) => /^[A-Z][A-Z0-9_]*$/.test(label);

/**
 * The environment variables among `settings`, with the typed key; of several model variables
 * (Claude Code's ANTHROPIC_DEFAULT_*_MODEL) only the first, as the gateway-key snippets do.
 */
function envVars(settings: CliToolSetting[], key: string | undefined): Array<[string, string]> {
  let model = false;
  const out: Array<[string, string]> = [];
  for (const s of settings) {
    if (!isEnvVar(s.label)) continue;
    if (s.kind === 'model') {
      if (model) continue;
      model = true;
    }
    out.push([s.label, settingValue(s, key)]);
  }
  return out;
}

/** `{ "a.b.c": v }` → `{ a: { b: { c: v } } }`, for settings named by a dotted JSON path. */
function nested(entries: Array<[string, string]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [label, value] of entries) {
    const parts = label.split('.');
    let at = root;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]!] = value;
  }
  return root;
}

/**
 * The snippets for a tool that keeps its own vendor login (mode keep-login), built from the
 * core's `keepLogin.settings`: the gateway address and the header come from there, the key is
 * the typed one or the placeholder. What apply writes in this mode: core/cli-tools/tools/*.ts.
 */
export function keepLoginSnippets(
  id: CliToolId,
  settings: CliToolSetting[],
  key: string | undefined,
): ToolSnippet[] {
  const env = envVars(settings, key);
  if (id === 'claude-code')
    return [
      {
        titleKey: 'shell',
        code: [
          ...env.map(([k, v]) => shellExport(k, v)),
          // Either would win over the login Claude Code keeps.
          'unset ANTHROPIC_AUTH_TOKEN ANTHROPIC_API_KEY',
          'claude',
        ].join('\n'),
      },
      {
        titleKey: 'file',
        file: '~/.claude/settings.json',
        code: JSON.stringify({ env: Object.fromEntries(env) }, null, 2),
      },
    ];
  if (id === 'codex') {
    // Root keys, then the [table] ones: "[model_providers.omniroute] base_url".
    const root: string[] = [];
    const tables = new Map<string, string[]>();
    for (const s of settings) {
      const m = /^\[([^\]]+)\]\s+(\S+)$/.exec(s.label);
      const line = `${m ? m[2] : s.label} = ${tomlValue(settingValue(s, key))}`;
      if (!m) root.push(line);
      else {
        if (!tables.has(m[1]!))
          tables.set(m[1]!, m[1] === 'model_providers.omniroute' ? ['name = "OmniRoute"'] : []);
        tables.get(m[1]!)!.push(line);
      }
    }
    return [
      {
        titleKey: 'file',
        file: '~/.codex/config.toml',
        code: [...root, ...[...tables].flatMap(([t, lines]) => ['', `[${t}]`, ...lines])].join('\n'),
      },
    ];
  }
  if (id === 'gemini-cli') {
    const json = settings.filter((s) => !isEnvVar(s.label) && s.label.includes('.'));
    return [
      {
        titleKey: 'shell',
        code: [...env.map(([k, v]) => shellExport(k, v)), 'gemini'].join('\n'),
      },
      ...(json.length
        ? [
            {
              titleKey: 'file',
              file: '~/.gemini/settings.json',
              code: JSON.stringify(nested(json.map((s) => [s.label, settingValue(s, key)])), null, 2),
            },
          ]
        : []),
    ];
  }
  return [];
}

/**
 * The files apply writes in keep-login mode, out of the tool's `files`: Codex's .env holds only
 * the gateway-key mode's env_key variable, so keep-login writes config.toml alone.
 */
export function keepLoginFiles(id: CliToolId, files: string[]): string[] {
  return id === 'codex' ? files.slice(0, 1) : files;
}
