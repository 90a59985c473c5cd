import path from 'node:path';
import { KEY_PLACEHOLDER, type CliToolDefinition, type CliToolId } from '../types.js';
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

/**
 * An editor extension set up in its own settings panel with the "OpenAI Compatible" provider;
 * installed when the extension (folder prefix `extension`), its home folder or its command is there.
 */
function openAiCompatibleExtension(tool: {
  id: CliToolId;
  name: string;
  extension: string;
  folder: string;
  command: string;
  /** The panel's label of the model field. */
  modelLabel: string;
}): CliToolDefinition {
  const modelWords = tool.modelLabel[0]!.toLowerCase() + tool.modelLabel.slice(1);
  return {
    id: tool.id,
    name: tool.name,
    files: noFiles,
    installed: async (ctx) =>
      (await extensionInstalled(ctx, tool.extension)) ||
      anyInstalled(ctx, [path.join(ctx.home, tool.folder)], [tool.command]),
    inspect: notConfigured,
    settings: (ctx, model) => [
      { label: 'API Provider', value: 'OpenAI Compatible', kind: 'text' },
      { label: 'Base URL', value: ctx.gateway.v1, kind: 'url' },
      { label: 'API Key', value: KEY_PLACEHOLDER, kind: 'key' },
      { label: tool.modelLabel, value: model, kind: 'model' },
    ],
    notes: () => [uiNote],
    manual: (ctx) =>
      `${tool.name} is configured in its settings panel, not in a file: API Provider "OpenAI Compatible", Base URL ${ctx.gateway.v1}, ` +
      `your gateway key and the ${modelWords}.`,
  };
}

export const cline = openAiCompatibleExtension({
  id: 'cline',
  name: 'Cline',
  extension: 'saoudrizwan.claude-dev-',
  folder: '.cline',
  command: 'cline',
  modelLabel: 'Model ID',
});

export const kiloCode = openAiCompatibleExtension({
  id: 'kilo-code',
  name: 'Kilo Code',
  extension: 'kilocode.kilo-code-',
  folder: '.kilocode',
  command: 'kilocode',
  modelLabel: 'Model',
});
