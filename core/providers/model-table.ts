import type { ModelInfo, ModelKind, PriceRow, ProviderDefinition } from './types.js';

/**
 * A provider's models as one line each, turned into the `models`, `modelInfo` and `prices` a
 * ProviderDefinition has, so a folder states each fact once and next to its model:
 *
 *   ...modelTable(modelsDev('deepinfra'), [
 *     { id: 'zai-org/GLM-5.1', context: 202_752, input: 1.05, output: 3.5, cachedInput: 0.205 },
 *     { id: 'BAAI/bge-m3', kind: 'embedding' },
 *     'some-chat-model', // nothing known beyond its id
 *   ]),
 *
 * Prices are USD per million tokens, under PriceRow's names; a row gives both `input` and
 * `output` or neither. Per-unit prices (per image, audio minute…) live in the price table
 * (core/routing/pricing.ts), not here.
 */
export type ModelRow = string | (ModelFacts & (Priced | Unpriced));

interface ModelFacts {
  id: string;
  /** Left out for a chat model. */
  kind?: Exclude<ModelKind, 'chat'>;
  /** Input context window in tokens, as the provider documents it. */
  context?: number;
  /** Served on the provider's free tier. */
  free?: boolean;
}

/** A row read elsewhere than the table's source names its own `source` and `checked`. */
type Priced = Pick<PriceRow, 'input' | 'output' | 'cachedInput' | 'cacheWrite'> &
  Partial<Pick<PriceRow, 'source' | 'checked'>>;

type Unpriced = { [K in keyof Priced]?: never };

/** Where a table's prices were read and when; `ownModel` when the provider is the models' maker. */
export interface PriceSource {
  source: string;
  /** YYYY-MM-DD the source was read (or the source's own date). */
  checked: string;
  ownModel?: boolean;
}

type Table = Pick<ProviderDefinition, 'models' | 'modelInfo' | 'prices'>;

/** The models.dev snapshot most list prices and context windows were read from. */
export function modelsDev(provider: string, opts: { ownModel?: boolean } = {}): PriceSource {
  return {
    source: `models.dev (github.com/anomalyco/models.dev@f3fc692, providers/${provider})`,
    checked: '2026-07-02',
    ...opts,
  };
}

export function modelTable(rows: readonly ModelRow[]): Table;
export function modelTable(prices: PriceSource, rows: readonly ModelRow[]): Table;
export function modelTable(a: PriceSource | readonly ModelRow[], b?: readonly ModelRow[]): Table {
  const table = Array.isArray(a) ? undefined : (a as PriceSource);
  const models: string[] = [];
  const modelInfo: Record<string, ModelInfo> = {};
  const prices: Record<string, PriceRow> = {};
  for (const row of (b ?? a) as readonly ModelRow[]) {
    if (typeof row === 'string') {
      models.push(row);
      continue;
    }
    const { id, kind, context, free, input, output, cachedInput, cacheWrite } = row;
    models.push(id);
    const info: ModelInfo = {
      ...(kind !== undefined && { kind }),
      ...(context !== undefined && { contextWindow: context }),
      ...(free && { free }),
    };
    if (Object.keys(info).length > 0) modelInfo[id] = info;
    if (input === undefined || output === undefined) continue;
    const source = row.source ?? table?.source;
    const checked = row.checked ?? table?.checked;
    // A price without its source would reach the cost column unexplained: refuse at load.
    if (!source || !checked) throw new Error(`model-table: ${id} has a price but no source and date`);
    prices[id] = {
      input,
      output,
      ...(cachedInput !== undefined && { cachedInput }),
      ...(cacheWrite !== undefined && { cacheWrite }),
      ...(table?.ownModel && { ownModel: true }),
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
