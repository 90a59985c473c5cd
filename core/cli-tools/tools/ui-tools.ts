import path from 'node:path';
import { KEY_PLACEHOLDER, type CliToolDefinition, type ToolContext } from '../types.js';
import { anyInstalled, extensionInstalled } from '../util.js';

// Cursor, Cline and Kilo Code keep their provider settings in the editor's own storage (with
// the key in its secret store), not in a file meant to be edited: the status gives the exact
// values to enter in their settings screens instead.
const uiNote = { id: 'ui', text: 'Set these in the extension’s provider settings in your editor.' };
const noFiles = async () => [] as string[];
const notConfigured = async () => ({ configured: false });

export const cursor: CliToolDefinition = {
  id: 'cursor',
  name: 'Cursor',
  files: noFiles,
  installed: (ctx) => anyInstalled(ctx, [path.join(ctx.home, '.cursor')], ['cursor']),
  inspect: notConfigured,
  settings: (ctx, model) => [
    { label: 'OpenAI API Key', value: KEY_PLACEHOLDER, kind: 'key' },
    { label: 'Override OpenAI Base URL', value: ctx.gateway.v1, kind: 'url' },
    { label: 'Model', value: model, kind: 'model' },
  ],
  notes: () => [
    {
      id: 'cursor',
      text: 'Cursor sends some requests from its own servers, which cannot reach 127.0.0.1; those features will not use this gateway.',
    },
  ],
  manual: (ctx) =>
    `Cursor is configured in its settings, not in a file: Settings → Models → API Keys, enter the key as the OpenAI API Key, ` +
    `turn on "Override OpenAI Base URL" with ${ctx.gateway.v1}, and add your model.`,
};

const openAiCompatible = (ctx: ToolContext, model: string, modelLabel: string) => [
  { label: 'API Provider', value: 'OpenAI Compatible', kind: 'text' as const },
  { label: 'Base URL', value: ctx.gateway.v1, kind: 'url' as const },
  { label: 'API Key', value: KEY_PLACEHOLDER, kind: 'key' as const },
  { label: modelLabel, value: model, kind: 'model' as const },
];

export const cline: CliToolDefinition = {
  id: 'cline',
  name: 'Cline',
  files: noFiles,
  installed: async (ctx) =>
    (await extensionInstalled(ctx, 'saoudrizwan.claude-dev-')) ||
    anyInstalled(ctx, [path.join(ctx.home, '.cline')], ['cline']),
  inspect: notConfigured,
  settings: (ctx, model) => openAiCompatible(ctx, model, 'Model ID'),
  notes: () => [uiNote],
  manual: (ctx) =>
    `Cline is configured in its settings panel, not in a file: API Provider "OpenAI Compatible", Base URL ${ctx.gateway.v1}, ` +
    'your gateway key and the model ID.',
};

export const kiloCode: CliToolDefinition = {
  id: 'kilo-code',
  name: 'Kilo Code',
  files: noFiles,
  installed: async (ctx) =>
    (await extensionInstalled(ctx, 'kilocode.kilo-code-')) ||
    anyInstalled(ctx, [path.join(ctx.home, '.kilocode')], ['kilocode']),
  inspect: notConfigured,
  settings: (ctx, model) => openAiCompatible(ctx, model, 'Model'),
  notes: () => [uiNote],
  manual: (ctx) =>
    `Kilo Code is configured in its settings panel, not in a file: API Provider "OpenAI Compatible", Base URL ${ctx.gateway.v1}, ` +
    'your gateway key and the model.',
};
