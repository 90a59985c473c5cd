import { builtinProviders } from '../providers/registry.js';
import { bestMatch, compareSpecificity, compileGlob, type CompiledGlob } from './glob.js';

/** USD per million tokens, and per unit for what is not billed by tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Cache reads; default: the input price (no discount known). */
  cachedInput?: number;
  /** Cache writes (Anthropic's 5-minute cache); default: the input price. */
  cacheWrite?: number;
  /** Where a default price was read (a URL or a named snapshot); absent for user overrides. */
  source?: string;
  /** YYYY-MM-DD the source was read: the row's "last checked". */
  checked?: string;
  /** USD per generated image. */
  perImage?: number;
  /** USD per minute of audio transcribed (billed by the second). */
  perAudioMinute?: number;
  /** USD per 1,000 characters of speech synthesised. */
  per1kChars?: number;
  /** USD per rerank search (Cohere: one query over up to 100 documents). */
  perSearch?: number;
}

export interface CostUsage {
  /** All input tokens, INCLUDING cache reads and cache writes (the canonical Usage convention). */
  inputTokens: number;
  /** All output tokens, including reasoning tokens. */
  outputTokens: number;
  cachedInputTokens?: number;
  cacheCreationInputTokens?: number;
  /** Informational: already part of outputTokens, never charged twice. */
  reasoningTokens?: number;
  images?: number;
  audioSeconds?: number;
  characters?: number;
  searches?: number;
}

/**
 * List prices (USD / 1M tokens) for common models across providers, standard tier, short
 * context, checked against the snapshot named below (CHECKED_IN_SNAPSHOT). They are defaults for
 * the cost column and for the cost-optimized strategy, not invoices: the user edits them
 * (overrides) in the dashboard. Each provider's own rows live in its folder (`prices`).
 * Patterns use `*` so dated snapshots ("claude-sonnet-4-5-20250929") match too; a
 * `provider/…` pattern applies only to that provider.
 */
const BASE_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5*': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5-mini*': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano*': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-5.2*': { input: 1.75, output: 14, cachedInput: 0.175 },
  'gpt-5.3*': { input: 1.75, output: 14, cachedInput: 0.175 },
  'gpt-5.4*': { input: 2.5, output: 15, cachedInput: 0.25 },
  'gpt-5.4-mini*': { input: 0.75, output: 4.5, cachedInput: 0.075 },
  'gpt-5.4-nano*': { input: 0.2, output: 1.25, cachedInput: 0.02 },
  'gpt-4.1*': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4.1-mini*': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1-nano*': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gpt-4o*': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4o-mini*': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'o4-mini*': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'o3*': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-3.5-turbo-instruct': { input: 1.5, output: 2 },
  'o3-mini*': { input: 1.1, output: 4.4, cachedInput: 0.55 },
  // Anthropic (cache write = 5-minute cache, 1.25× input; read = 0.1× input)
  'claude-opus-4-5*': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-opus-4-6*': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-opus-4-7*': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-opus-4*': { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 },
  'claude-sonnet-4*': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4*': { input: 1, output: 5, cachedInput: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku*': { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 },
  // Google (≤ 200k-token prompts)
  'gemini-2.5-pro*': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gemini-2.5-flash*': { input: 0.3, output: 2.5, cachedInput: 0.03 },
  'gemini-2.5-flash-lite*': { input: 0.1, output: 0.4, cachedInput: 0.01 },
  'gemini-3-pro*': { input: 2, output: 12, cachedInput: 0.2 },
  // DeepSeek (cache miss / cache hit)
  'deepseek-chat': { input: 0.14, output: 0.28, cachedInput: 0.0028 },
  'deepseek-reasoner': { input: 0.14, output: 0.28, cachedInput: 0.0028 },
  // Others
  'glm-4.6*': { input: 0.6, output: 2.2, cachedInput: 0.11 },
  'glm-4.5-air*': { input: 0.2, output: 1.1, cachedInput: 0.03 },
  'MiniMax-M2*': { input: 0.3, output: 1.2, cachedInput: 0.03 },
  'grok-4*': { input: 3, output: 15, cachedInput: 0.75 },
  'grok-3-mini*': { input: 0.3, output: 0.5, cachedInput: 0.075 },
  'grok-code-fast*': { input: 0.2, output: 1.5, cachedInput: 0.02 },
  'kimi-k2*': { input: 0.6, output: 2.5, cachedInput: 0.15 },
  'mistral-large*': { input: 0.5, output: 1.5 },
  'codestral*': { input: 0.3, output: 0.9 },
  'devstral-medium*': { input: 0.4, output: 2 },
  'qwen3-coder-plus*': { input: 1, output: 5 },
  'qwen3-max*': { input: 1.2, output: 6 },
  'qwen-plus*': { input: 0.4, output: 1.2 },
  // Embeddings (input tokens only)
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  'gemini-embedding-001': { input: 0.15, output: 0 },
  'embed-v4.0': { input: 0.12, output: 0 },
  'embed-english-v3.0': { input: 0.1, output: 0 },
  'embed-multilingual-v3.0': { input: 0.1, output: 0 },
  'mistral-embed': { input: 0.1, output: 0 },
  'codestral-embed*': { input: 0.15, output: 0 },
  'voyage-3.5': { input: 0.06, output: 0 },
  'voyage-3.5-lite': { input: 0.02, output: 0 },
  'voyage-code-3': { input: 0.18, output: 0 },
  'jina-embeddings-v3': { input: 0.05, output: 0 },
  // Rerank (per search, or per token where the vendor bills tokens)
  'rerank-v3.5': { input: 0, output: 0, perSearch: 0.002 },
  'rerank-2.5*': { input: 0.05, output: 0 },
  'jina-reranker-*': { input: 0.05, output: 0 },
  // Images (per image: standard quality, 1024×1024)
  'dall-e-3': { input: 0, output: 0, perImage: 0.04 },
  'gpt-image-1': { input: 0, output: 0, perImage: 0.042 },
  'imagen-4.0-generate-001': { input: 0, output: 0, perImage: 0.04 },
  'black-forest-labs/FLUX.1-schnell': { input: 0, output: 0, perImage: 0.003 },
  // Audio (transcription per minute, speech per 1,000 characters)
  'whisper-1': { input: 0, output: 0, perAudioMinute: 0.006 },
  'gpt-4o-transcribe': { input: 0, output: 0, perAudioMinute: 0.006 },
  'whisper-large-v3': { input: 0, output: 0, perAudioMinute: 0.00185 },
  'whisper-large-v3-turbo': { input: 0, output: 0, perAudioMinute: 0.00067 },
  'voxtral-mini-latest': { input: 0, output: 0, perAudioMinute: 0.001 },
  'nova-3': { input: 0, output: 0, perAudioMinute: 0.0043 },
  'nova-2': { input: 0, output: 0, perAudioMinute: 0.0043 },
  'tts-1': { input: 0, output: 0, per1kChars: 0.015 },
  'gpt-4o-mini-tts': { input: 0, output: 0, per1kChars: 0.015 },
  'aura-2-*': { input: 0, output: 0, per1kChars: 0.03 },
  // Moderation is free
  'omni-moderation-*': { input: 0, output: 0 },
  'mistral-moderation-*': { input: 0.1, output: 0 },
  // Local servers cost nothing per token.
  'ollama/*': { input: 0, output: 0 },
  'lmstudio/*': { input: 0, output: 0 },
  'llamacpp/*': { input: 0, output: 0 },
  'vllm/*': { input: 0, output: 0 },
};

/**
 * The defaults: the table above, then each built-in provider's own `prices` (its folder says
 * where each row comes from and when it was read) as `provider/model` rows, so one provider's
 * price for an open model never applies to another that hosts it too; a vendor's own model
 * (`ownModel`) also under its bare name.
 */
const SNAPSHOT = { source: 'models.dev (github.com/anomalyco/models.dev@f3fc692)', checked: '2026-07-02' };
/**
 * The rows above found with these figures in that snapshot (the others: grok-4*, grok-3-mini*,
 * grok-code-fast*, claude-3-5-haiku*, are no longer listed there, so they carry no date).
 */
const CHECKED_IN_SNAPSHOT = new Set(
  Object.keys(BASE_PRICES).filter(
    (k) => !/^(grok-|claude-3-5-haiku|ollama\/|lmstudio\/|llamacpp\/|vllm\/)/.test(k),
  ),
);

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  ...Object.fromEntries(
    Object.entries(BASE_PRICES).map(([k, v]) => [k, CHECKED_IN_SNAPSHOT.has(k) ? { ...v, ...SNAPSHOT } : v]),
  ),
  ...Object.fromEntries(
    builtinProviders().flatMap((p) =>
      Object.entries(p.prices ?? {}).flatMap(([model, { ownModel, ...row }]) =>
        ownModel
          ? [[model, row] as const, [`${p.id}/${model}`, row] as const]
          : [[`${p.id}/${model}`, row] as const],
      ),
    ),
  ),
};

interface Entry extends CompiledGlob {
  price: ModelPrice;
}

const compile = (table: Readonly<Record<string, ModelPrice>>): Entry[] =>
  Object.entries(table).map(([pattern, price]) => ({ ...compileGlob(pattern), price }));

/**
 * The price table: user overrides first (the most specific matching override wins), then the
 * defaults. A model is looked up as `provider/model` when the provider is given; then as
 * itself, by its last segment (routers like OpenRouter say `vendor/model`) and with "4.5"-style
 * versions spelled "4-5", the most specific match over those spellings winning.
 */
export class PriceTable {
  private defaults: Entry[];
  private overrides: Entry[] = [];
  private readonly overrideTable = new Map<string, ModelPrice>();

  constructor(
    defaults: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES,
    overrides: Record<string, ModelPrice> = {},
  ) {
    this.defaults = compile(defaults);
    for (const [pattern, price] of Object.entries(overrides)) this.overrideTable.set(pattern, price);
    this.rebuild();
  }

  setOverride(pattern: string, price: ModelPrice): void {
    validatePrice(pattern, price);
    this.overrideTable.set(pattern, price);
    this.rebuild();
  }

  removeOverride(pattern: string): boolean {
    const had = this.overrideTable.delete(pattern);
    if (had) this.rebuild();
    return had;
  }

  /** Replaces every override at once (one rebuild, and the cost memo is cleared). */
  replaceOverrides(overrides: Record<string, ModelPrice>): void {
    for (const [pattern, price] of Object.entries(overrides)) validatePrice(pattern, price);
    this.overrideTable.clear();
    for (const [pattern, price] of Object.entries(overrides)) this.overrideTable.set(pattern, price);
    this.rebuild();
  }

  overridesList(): Record<string, ModelPrice> {
    return Object.fromEntries(this.overrideTable);
  }

  /** The price that applies to `model` (optionally on `provider`), and the pattern that matched. */
  lookup(
    model: string,
    provider?: string,
  ): { pattern: string; price: ModelPrice; source: 'override' | 'default' } | undefined {
    const groups = lookupNames(model, provider);
    for (const [source, entries] of [
      ['override', this.overrides],
      ['default', this.defaults],
    ] as const) {
      for (const names of groups) {
        // Within a group the most specific match over all spellings wins: "claude-opus-4.5"
        // must reach "claude-opus-4-5*", not stop at "claude-opus-4*".
        let best: Entry | undefined;
        for (const name of names) {
          const m = bestMatch(entries, name);
          if (m && (!best || compareSpecificity(m.glob, best) < 0)) best = m.glob;
        }
        if (best) return { pattern: best.pattern, price: best.price, source };
      }
    }
    return undefined;
  }

  priceFor(model: string, provider?: string): ModelPrice | undefined {
    return this.lookup(model, provider)?.price;
  }

  /** Cost in USD, or undefined for a model without a price (shown as "unknown", not as 0). */
  costUsd(model: string, usage: CostUsage, provider?: string): number | undefined {
    // Pattern matching per request is not free; a model's price only changes with an override.
    const key = `${provider ?? ''}\u0000${model}`;
    let price = this.memo.get(key);
    if (price === undefined && !this.memo.has(key)) {
      price = this.priceFor(model, provider);
      if (this.memo.size > 10_000) this.memo.clear();
      this.memo.set(key, price);
    }
    return price && computeCost(price, usage);
  }

  /** A blended USD/1M figure (3 input : 1 output) for the cost-optimized strategy. */
  blendedPerMTok(model: string, provider?: string): number | undefined {
    const p = this.priceFor(model, provider);
    return p && (3 * p.input + p.output) / 4;
  }

  private readonly memo = new Map<string, ModelPrice | undefined>();

  private rebuild(): void {
    this.memo?.clear();
    this.overrides = compile(Object.fromEntries(this.overrideTable));
  }
}

/**
 * Each input token is charged once: cache reads at the cached rate, cache writes at the write
 * rate, the rest at the input rate. Reasoning tokens are inside outputTokens already.
 */
export function computeCost(price: ModelPrice, usage: CostUsage): number {
  const input = Math.max(0, usage.inputTokens || 0);
  const cached = Math.min(input, Math.max(0, usage.cachedInputTokens ?? 0));
  const written = Math.min(input - cached, Math.max(0, usage.cacheCreationInputTokens ?? 0));
  const fresh = input - cached - written;
  const output = Math.max(0, usage.outputTokens || 0);
  const micro =
    fresh * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    output * price.output;
  // A unit without a price costs nothing here only when the model is priced by tokens alone:
  // a model priced per image but answering no count is still charged for its tokens.
  return (
    micro / 1_000_000 +
    (usage.images ?? 0) * (price.perImage ?? 0) +
    ((usage.audioSeconds ?? 0) / 60) * (price.perAudioMinute ?? 0) +
    ((usage.characters ?? 0) / 1000) * (price.per1kChars ?? 0) +
    (usage.searches ?? 0) * (price.perSearch ?? 0)
  );
}

/** Spellings to try: the provider-qualified name first (its own group, so it always wins). */
function lookupNames(model: string, provider?: string): string[][] {
  const last = model.slice(model.lastIndexOf('/') + 1);
  const spellings = [...new Set([model, last, last.replace(/(\d)\.(\d)/g, '$1-$2')])];
  return provider ? [[`${provider}/${model}`], spellings] : [spellings];
}

function validatePrice(pattern: string, p: ModelPrice): void {
  for (const k of [
    'input',
    'output',
    'cachedInput',
    'cacheWrite',
    'perImage',
    'perAudioMinute',
    'per1kChars',
    'perSearch',
  ] as const) {
    const v = p[k];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw new Error(`price for "${pattern}": ${k} must be a non-negative number`);
    }
  }
}
