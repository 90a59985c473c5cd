import { z } from 'zod';
import { MODEL_KINDS, type ModelInfo, type PriceRow, type ProviderDefinition } from './types.js';

/**
 * A provider's models are data, not code: `core/providers/<id>/models.json`, one object per
 * model, so prices and windows can be refreshed (by hand or by a tool re-reading their source)
 * without touching the folder's index.ts, which spreads the file into its definition:
 *
 *   import models from './models.json' with { type: 'json' };
 *   ...modelTable(models, 'deepinfra'),
 *
 *   {
 *     "source": "models.dev (github.com/anomalyco/models.dev@f3fc692, providers/deepinfra)",
 *     "checked": "2026-07-02",
 *     "models": [
 *       { "id": "zai-org/GLM-5.1", "context": 202752, "input": 1.05, "output": 3.5, "cachedInput": 0.205 },
 *       { "id": "BAAI/bge-m3", "kind": "embedding" },
 *       "some-chat-model"
 *     ]
 *   }
 *
 * `source` and `checked` say where the file's prices were read and when; a row read elsewhere
 * names its own. `ownModel` when the provider is the models' maker. Prices are USD per million
 * tokens under PriceRow's names; a row gives both `input` and `output` or neither. Per-unit
 * prices (per image, audio minute…) live in the price table (core/routing/pricing.ts).
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const perMTok = z.number().nonnegative();

// A bare id is a row with nothing known beyond it; read as `{ id }` so an error in an object row
// names its field rather than "not a string either".
const ModelRowSchema = z.preprocess(
  (row) => (typeof row === 'string' ? { id: row } : row),
  z
    .strictObject({
      id: z.string().min(1),
      /** Left out for a chat model. */
      kind: z.enum(MODEL_KINDS.filter((k) => k !== 'chat')).optional(),
      /** Input context window in tokens, as the provider documents it. */
      context: z.number().int().positive().optional(),
      /** Served on the provider's free tier. */
      free: z.boolean().optional(),
      input: perMTok.optional(),
      output: perMTok.optional(),
      cachedInput: perMTok.optional(),
      cacheWrite: perMTok.optional(),
      source: z.string().min(1).optional(),
      checked: day.optional(),
    })
    .refine((r) => (r.input === undefined) === (r.output === undefined), 'gives input and output, or neither')
    .refine(
      (r) => r.input !== undefined || (r.cachedInput === undefined && r.cacheWrite === undefined),
      'has a cache price without input and output prices',
    ),
);

const ModelsFileSchema = z.strictObject({
  source: z.string().min(1).optional(),
  checked: day.optional(),
  ownModel: z.boolean().optional(),
  models: z.array(ModelRowSchema),
});

type Table = Pick<ProviderDefinition, 'models' | 'modelInfo' | 'prices'>;

/**
 * The `models`, `modelInfo` and `prices` of a ProviderDefinition from its models.json. A
 * malformed file stops the start-up with its path named, rather than reaching the catalog or the
 * cost column half-read. The folder is passed by name, not found from import.meta.url: the
 * packaged app and the CLI are bundles, where that URL is the bundle's.
 */
export function modelTable(json: unknown, folder: string): Table {
  const parsed = ModelsFileSchema.safeParse(json);
  const file = `core/providers/${folder}/models.json`;
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const table = parsed.data;
  const models: string[] = [];
  const modelInfo: Record<string, ModelInfo> = {};
  const prices: Record<string, PriceRow> = {};
  for (const row of table.models) {
    const { id, kind, context, free, input, output, cachedInput, cacheWrite } = row;
    models.push(id);
    const info: ModelInfo = {
      ...(kind !== undefined && { kind }),
      ...(context !== undefined && { contextWindow: context }),
      ...(free && { free }),
    };
    if (Object.keys(info).length > 0) modelInfo[id] = info;
    if (input === undefined || output === undefined) continue;
    const source = row.source ?? table.source;
    const checked = row.checked ?? table.checked;
    // A price without its source would reach the cost column unexplained: refuse at load.
    if (!source || !checked) throw new Error(`${file}: ${id} has a price but no source and date`);
    prices[id] = {
      input,
      output,
      ...(cachedInput !== undefined && { cachedInput }),
      ...(cacheWrite !== undefined && { cacheWrite }),
      ...(table.ownModel && { ownModel: true }),
      source,
      checked,
    };
  }
  return {
    models,
    ...(Object.keys(modelInfo).length > 0 && { modelInfo }),
    ...(Object.keys(prices).length > 0 && { prices }),
  };
}
