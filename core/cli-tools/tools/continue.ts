import path from 'node:path';
import type { Document, YAMLMap } from 'yaml';
import { isFile, readText } from '../files.js';
import { CliToolError, KEY_PLACEHOLDER, type CliToolDefinition, type ToolContext } from '../types.js';
import { anyInstalled, asString, envPath, pickKey, sameUrl, unreadable } from '../util.js';

// Continue reads config.yaml from its global folder (CONTINUE_GLOBAL_DIR, default ~/.continue)
// and ignores config.json when config.yaml exists. A model with provider "openai" and an apiBase
// talks to any OpenAI-compatible server.
const dir = (ctx: ToolContext) => envPath(ctx, 'CONTINUE_GLOBAL_DIR') ?? path.join(ctx.home, '.continue');
const yamlFile = (ctx: ToolContext) => path.join(dir(ctx), 'config.yaml');
const jsonFile = (ctx: ToolContext) => path.join(dir(ctx), 'config.json');

const OWN_NAME = 'OmniRoute';

type Yaml = typeof import('yaml');
// Loaded on first use: evaluating the YAML library costs ~15 ms of the gateway's start-up, and
// only this tool needs it.
let yamlLib: Promise<Yaml> | undefined;
const loadYaml = () => (yamlLib ??= import('yaml'));

/** Our entry: the model pointing at this gateway, or one we named. */
function findOurs(y: Yaml, doc: Document, v1: string): YAMLMap | undefined {
  const models = doc.get('models');
  if (!y.isSeq(models)) return undefined;
  const maps = models.items.filter(y.isMap);
  return (
    maps.find((m) => sameUrl(m.get('apiBase'), v1)) ??
    maps.find((m) => asString(m.get('name'))?.startsWith(OWN_NAME) && m.get('provider') === 'openai')
  );
}

const jsonOnlyNote = (ctx: ToolContext) => ({
  id: 'continueJson',
  text:
    `This Continue setup still uses ${jsonFile(ctx)}. Continue ignores config.json once config.yaml exists, ` +
    'so Apply does not create one: migrate to config.yaml first, or add the model to config.json by hand.',
});

export const continueDev: CliToolDefinition = {
  id: 'continue',
  name: 'Continue',
  files: async (ctx) => [yamlFile(ctx)],
  installed: (ctx) => anyInstalled(ctx, [dir(ctx)], ['cn']),
  async inspect(ctx) {
    const text = await readText(yamlFile(ctx));
    if (text === undefined) {
      return (await isFile(jsonFile(ctx)))
        ? { configured: false, blocked: jsonOnlyNote(ctx) }
        : { configured: false };
    }
    const y = await loadYaml();
    const doc = y.parseDocument(text);
    const ours = doc.errors.length ? undefined : findOurs(y, doc, ctx.gateway.v1);
    const configured = !!ours && sameUrl(ours.get('apiBase'), ctx.gateway.v1);
    const model = configured ? asString(ours!.get('model')) : undefined;
    return { configured, ...(model ? { model } : {}) };
  },
  settings: (ctx, model) => [
    { label: 'provider', value: 'openai', kind: 'text' },
    { label: 'apiBase', value: ctx.gateway.v1, kind: 'url' },
    { label: 'apiKey', value: KEY_PLACEHOLDER, kind: 'key' },
    { label: 'model', value: model, kind: 'model' },
  ],
  manual: (ctx) =>
    `Add a model with provider: openai, apiBase: ${ctx.gateway.v1}, apiKey: <gateway key> and your model ` +
    `to "models" in ${yamlFile(ctx)} (or config.json).`,
  async edits(ctx, input) {
    const file = yamlFile(ctx);
    if ((await readText(file)) === undefined && (await isFile(jsonFile(ctx))))
      throw new CliToolError(409, jsonOnlyNote(ctx).text);
    const y = await loadYaml();
    return [
      {
        path: file,
        update(previous) {
          const doc = previous?.trim()
            ? y.parseDocument(previous)
            : new y.Document({ name: 'Local Config', version: '0.0.1', schema: 'v1' });
          if (doc.errors.length) throw unreadable(file, doc.errors[0]!.message);
          if (!y.isMap(doc.contents)) throw unreadable(file, 'the top level is not a mapping');
          let models = doc.get('models');
          if (models == null) {
            doc.set('models', doc.createNode([]));
            models = doc.get('models');
          }
          if (!y.isSeq(models)) throw unreadable(file, '"models" is not a list');
          const ours = findOurs(y, doc, ctx.gateway.v1);
          const wasOurs = !!ours && sameUrl(ours.get('apiBase'), ctx.gateway.v1);
          const key = pickKey(ctx, input.apiKey, wasOurs ? asString(ours!.get('apiKey')) : undefined);
          const fields = { provider: 'openai', model: input.model, apiBase: ctx.gateway.v1, apiKey: key };
          let dirty = !previous?.trim();
          const put = (m: YAMLMap, k: string, v: string) => {
            if (m.get(k) === v) return;
            m.set(k, v);
            dirty = true;
          };
          if (ours) {
            if (asString(ours.get('name'))?.startsWith(OWN_NAME))
              put(ours, 'name', `${OWN_NAME} ${input.model}`);
            for (const [k, v] of Object.entries(fields)) put(ours, k, v);
          } else {
            dirty = true;
            models.add(
              doc.createNode({
                name: `${OWN_NAME} ${input.model}`,
                ...fields,
                roles: ['chat', 'edit', 'apply'],
              }),
            );
          }
          // Re-rendering normalizes some formatting: only do it when something changed.
          if (!dirty) return previous!;
          // Keep the file's own sequence style ("models:\n- a" or "models:\n  - a").
          const indentSeq = !/^[^\s#][^\n]*:[ \t]*(#[^\n]*)?\r?\n-[ \t]/m.test(previous ?? '');
          return doc.toString({ lineWidth: 0, indentSeq });
        },
      },
    ];
  },
};
