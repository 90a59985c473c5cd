import { builtinProvider, modelKind } from '../providers/registry.js';
import type { ResolvedProvider } from './providers.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Strategy } from '../store/repos/combos.js';
import { formatUsd } from '../util/format-usd.js';

export const TEMPLATE_IDS = ['free-forever', 'cheap', 'quality-first'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateStep {
  /** `provider/model`, as a combo step. */
  model: string;
  /** Why this step is here, and why at this place. */
  why: string;
}

export interface ComboTemplate {
  id: TemplateId;
  name: string;
  description: string;
  strategy: Strategy;
  steps: TemplateStep[];
}

/** What a template is built from: the user's providers and accounts, and the price table. */
export interface TemplateInputs {
  providers: ResolvedProvider[];
  connections: ConnectionRecord[];
  /** Blended USD per million tokens (3 input : 1 output), undefined when unknown. */
  price: (model: string, providerId: string) => number | undefined;
}

/** At most this many models of one provider, so one provider's outage is not several steps in a row of waiting. */
const PER_PROVIDER = 2;

interface Candidate {
  provider: ResolvedProvider;
  model: string;
  price?: number;
  contextWindow?: number;
  free: boolean;
  accounts: number;
}

/** Chat models of the providers the user can actually call: enabled, with an enabled account holding a key. */
function candidates(inputs: TemplateInputs): Candidate[] {
  const out: Candidate[] = [];
  for (const p of inputs.providers) {
    if (!p.enabled || p.login || p.local) continue;
    const accounts = inputs.connections.filter(
      (c) => c.providerId === p.id && c.enabled && c.hasSecret,
    ).length;
    if (accounts === 0) continue;
    const def = builtinProvider(p.id);
    let n = 0;
    for (const model of p.models) {
      if (modelKind(def, model) !== 'chat') continue;
      if (n++ >= PER_PROVIDER) break;
      const info = def?.modelInfo?.[model];
      out.push({
        provider: p,
        model,
        price: inputs.price(model, p.id),
        contextWindow: info?.contextWindow,
        free: p.tier === 'free' || info?.free === true,
        accounts,
      });
    }
  }
  return out;
}

const priceWords = (c: Candidate) =>
  c.price === undefined
    ? 'no list price known'
    : `list price ${formatUsd(c.price)} per million tokens (blended)`;
const accountWords = (c: Candidate) => `${c.accounts} account${c.accounts === 1 ? '' : 's'}`;

/** Stronger first: a higher paid list price marks the stronger model; then the larger context window. */
const byQuality = (a: Candidate, b: Candidate) =>
  (b.price ?? -1) - (a.price ?? -1) || (b.contextWindow ?? 0) - (a.contextWindow ?? 0);

/**
 * The three starting points the Combos page and the API offer, filled from the user's connected
 * accounts, each step with the reason it is there. Empty steps: the user has no account that fits.
 */
export function comboTemplates(inputs: TemplateInputs): ComboTemplate[] {
  const all = candidates(inputs);
  const free = all.filter((c) => c.free).sort(byQuality);
  const cheap = all
    .filter((c) => c.free || c.price !== undefined)
    .sort((a, b) => (a.free ? 0 : a.price!) - (b.free ? 0 : b.price!) || byQuality(a, b));
  const quality = all.filter((c) => !c.free || c.price !== undefined).sort(byQuality);
  return [
    {
      id: 'free-forever',
      name: 'Free forever',
      description:
        'Only the free tiers you have keys for, strongest model first; when one answers 429 (its free limit), the next one serves. Costs nothing.',
      strategy: 'fill-first',
      steps: free.map((c, i) => ({
        model: `${c.provider.id}/${c.model}`,
        why: `${c.provider.name} free tier (${accountWords(c)}); ${i === 0 ? 'first: the strongest free model you have' : 'next when the steps before are rate-limited or down'}, ranked by its ${priceWords(c)}.`,
      })),
    },
    {
      id: 'cheap',
      name: 'Cheap',
      description:
        'Free tiers first, then the lowest-priced paid models you have keys for: the cheapest route that answers.',
      strategy: 'fill-first',
      steps: cheap.map((c) => ({
        model: `${c.provider.id}/${c.model}`,
        why: c.free
          ? `${c.provider.name} free tier (${accountWords(c)}): costs nothing while its limits last.`
          : `${c.provider.name} (${accountWords(c)}): ${priceWords(c)}.`,
      })),
    },
    {
      id: 'quality-first',
      name: 'Quality first',
      description:
        'The strongest models you have keys for first (by their list price), the rest as fallbacks.',
      strategy: 'fill-first',
      steps: quality.map((c, i) => ({
        model: `${c.provider.id}/${c.model}`,
        why: `${c.provider.name} (${accountWords(c)}): ${i === 0 ? 'the strongest model you have' : 'a fallback'}, ${priceWords(c)}${c.free ? ', on a free tier' : ''}.`,
      })),
    },
  ];
}
