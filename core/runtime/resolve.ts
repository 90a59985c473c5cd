import { GatewayError } from '../formats/canonical.js';
import type { ModelKind } from '../providers/types.js';
import type { Attempt as RoutedAttempt, Plan as RoutedPlan } from '../routing/hooks.js';
import type { ResolvedProvider } from './providers.js';
import type { Runtime } from './runtime.js';

/** An attempt of the gateway: routing's, with the provider as the runtime resolved it. */
export type Attempt = RoutedAttempt<ResolvedProvider>;
export type Plan = RoutedPlan<ResolvedProvider>;

const MAX_COMBO_DEPTH = 8;

/**
 * Turns the model a client asked for into an ordered list of attempts:
 * the active-combo alias → model aliases (wildcards, `$1` captures) → a combo name →
 * `<prefix>/<model>` → a bare model a configured provider lists. Anything else is a 404 that
 * says how to list valid names.
 */
export function resolvePlan(rt: Runtime, requested: string, kind: ModelKind = 'chat'): Plan {
  const asked = requested.replace(/^models\//, '');
  // The active-combo alias is checked before aliases so a catch-all pattern cannot shadow it.
  const model = asked === rt.settings.activeComboAlias ? asked : rt.aliases.resolveDeep(asked);
  const comboName =
    model === rt.settings.activeComboAlias && rt.settings.activeCombo ? rt.settings.activeCombo : model;
  const combo = rt.combos.find((c) => c.name === comboName);
  if (combo) {
    if (!combo.enabled) {
      throw new GatewayError({
        status: 409,
        kind: 'invalid_request',
        message: `Combo "${combo.name}" is disabled.`,
        param: 'model',
      });
    }
    const attempts = checkKinds(expandCombo(rt, combo.name, 0, new Set()), kind, `Combo "${combo.name}"`);
    return {
      requested,
      combo: combo.name,
      attempts: rt.settings.offlineMode ? attempts.filter((a) => a.provider.local) : attempts,
    };
  }
  const step = resolveStep(rt, model, kind);
  if (!step) {
    const via = model !== asked ? ` (an alias of "${model}", which names no combo or provider model)` : '';
    throw new GatewayError({
      status: 404,
      kind: 'not_found',
      param: 'model',
      message: `Unknown model "${requested}"${via}. Use "<provider>/<model>" (e.g. "openai/gpt-4.1"), a combo name, or "${rt.settings.activeComboAlias}" for the active combo; GET /v1/models lists what is configured.`,
    });
  }
  const attempts = checkKinds(
    attemptsFor(rt, step.provider, step.model, model),
    kind,
    `"${step.provider.id}/${step.model}"`,
  );
  return {
    requested,
    attempts: rt.settings.offlineMode ? attempts.filter((a) => a.provider.local) : attempts,
  };
}

function expandCombo(rt: Runtime, name: string, depth: number, seen: Set<string>): Attempt[] {
  if (depth > MAX_COMBO_DEPTH || seen.has(name)) return [];
  seen.add(name);
  const combo = rt.combos.find((c) => c.name === name);
  if (!combo || !combo.enabled) return [];
  const out: Attempt[] = [];
  for (const s of combo.models) {
    if (combo.disabledSteps?.includes(s)) continue;
    const target = rt.aliases.resolveDeep(s);
    if (rt.combos.some((c) => c.name === target)) {
      out.push(...expandCombo(rt, target, depth + 1, seen));
      continue;
    }
    const step = resolveStep(rt, target);
    // The step keeps its name as written in the combo: weights and disabledSteps use it.
    if (step) out.push(...attemptsFor(rt, step.provider, step.model, s));
  }
  return out;
}

function resolveStep(
  rt: Runtime,
  model: string,
  kind?: ModelKind,
): { provider: ResolvedProvider; model: string } | undefined {
  const slash = model.indexOf('/');
  if (slash > 0) {
    const provider = rt.providerByPrefix(model.slice(0, slash));
    if (provider) return { provider, model: model.slice(slash + 1) };
  }
  // A bare model id: the first enabled, configured provider that lists it, of the kind asked for
  // when one does (else the first, so the caller hears which kind the name is).
  let other: { provider: ResolvedProvider; model: string } | undefined;
  for (const p of rt.activeProviders()) {
    if (!p.models.includes(model)) continue;
    const k = p.kinds?.get(model);
    if (kind === undefined || k === undefined || k === kind) return { provider: p, model };
    other ??= { provider: p, model };
  }
  return other;
}

function attemptsFor(rt: Runtime, provider: ResolvedProvider, model: string, step: string): Attempt[] {
  if (!provider.enabled) return [];
  // The caller brings the credential: one attempt, filled in per request (core/gateway/handler.ts).
  if (provider.login) return [{ provider, model, step }];
  const conns = rt.connectionsFor(provider.id).filter((c) => c.enabled);
  if (conns.length > 0) return conns.map((connection) => ({ provider, connection, model, step }));
  // Keyless providers (local servers) work without an account.
  if (provider.auth === 'none' || provider.local) return [{ provider, model, step }];
  return [];
}

/**
 * The global fallback (setting `globalFallback`) for a request that named a plain model, not a
 * combo: its combo's attempts, or undefined when it is off, missing or disabled. Never for a
 * combo request: a combo is already the user's own chain.
 */
export function globalFallbackPlan(rt: Runtime, requested: string): Plan | undefined {
  const name = rt.settings.globalFallback;
  if (!name) return undefined;
  const combo = rt.combos.find((c) => c.name === name);
  if (!combo?.enabled) return undefined;
  const attempts = expandCombo(rt, combo.name, 0, new Set());
  return {
    requested,
    combo: combo.name,
    attempts: rt.settings.offlineMode ? attempts.filter((a) => a.provider.local) : attempts,
  };
}

/**
 * resolvePlan, with the global fallback for a plain model: in place of the 404 of a model
 * nobody serves (or of a model no enabled account can serve), or after the model's own attempts.
 */
export function resolveWithFallback(
  rt: Runtime,
  requested: string,
  kind: ModelKind = 'chat',
): { plan: Plan; fallback?: Plan; replaced?: boolean } {
  // The fallback is a chain of chat models: an embedding (or image, …) request never goes there.
  if (!rt.settings.globalFallback || kind !== 'chat') return { plan: resolvePlan(rt, requested, kind) };
  let plan: Plan;
  try {
    plan = resolvePlan(rt, requested, kind);
  } catch (err) {
    const fallback = err instanceof GatewayError && err.status === 404 && globalFallbackPlan(rt, requested);
    if (!fallback) throw err;
    return { plan: fallback, replaced: true };
  }
  if (plan.combo) return { plan };
  const fallback = globalFallbackPlan(rt, requested);
  if (!fallback) return { plan };
  return plan.attempts.length ? { plan, fallback } : { plan: fallback, replaced: true };
}

/**
 * A request pinned to one provider by its route (`/v1/providers/{provider}/…`): the model is
 * that provider's, as it lists it or with the provider's own prefix; a prefix naming another
 * provider contradicts the route. No alias, combo or global fallback applies: pinned is pinned.
 * `name` is the `provider/model` the request is for (what a gateway key's model list is
 * checked against).
 */
export function resolvePinned(
  rt: Runtime,
  providerId: string,
  requested: string,
): { plan: Plan; name: string } {
  const provider = rt.provider(providerId) ?? rt.providerByPrefix(providerId);
  if (!provider)
    throw new GatewayError({
      status: 404,
      kind: 'not_found',
      message: `No provider "${providerId}" (in the route /v1/providers/${providerId}/…). GET /v1/models lists the configured ones.`,
    });
  let model = requested.replace(/^models\//, '');
  const slash = model.indexOf('/');
  // A listed id may hold a slash itself (Groq's `openai/gpt-oss-120b`): the list wins.
  if (slash > 0 && !provider.models.includes(model)) {
    const named = rt.providerByPrefix(model.slice(0, slash));
    if (named === provider) model = model.slice(slash + 1);
    else if (named)
      throw new GatewayError({
        status: 400,
        kind: 'invalid_request',
        param: 'model',
        message: `The model "${requested}" names the provider "${named.id}", but this route is pinned to "${provider.id}". Send the model without a prefix, or use /v1/providers/${named.id}/….`,
      });
  }
  if (!model)
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      param: 'model',
      message: 'model: empty.',
    });
  const name = `${provider.id}/${model}`;
  const attempts = attemptsFor(rt, provider, model, name);
  return {
    plan: {
      requested,
      attempts: rt.settings.offlineMode ? attempts.filter((a) => a.provider.local) : attempts,
    },
    name,
  };
}

const ENDPOINT_OF: Record<ModelKind, string> = {
  chat: 'the chat endpoints',
  embedding: '/v1/embeddings',
  rerank: '/v1/rerank',
  image: '/v1/images',
  transcription: '/v1/audio/transcriptions',
  speech: '/v1/audio/speech',
  moderation: '/v1/moderations',
};

/**
 * A request goes only to models of its endpoint's kind. A model the registry does not know (added
 * by the user, a custom provider's) is taken at its word; a combo whose known steps are of more
 * than one kind is refused as a whole: its fallback would change what the caller gets.
 */
function checkKinds(attempts: Attempt[], kind: ModelKind, what: string): Attempt[] {
  let known: ModelKind | undefined;
  for (const a of attempts) {
    const k = a.provider.kinds?.get(a.model);
    if (k === undefined) continue;
    if (known !== undefined && k !== known) {
      const steps = (want: ModelKind) =>
        attempts
          .filter((x) => x.provider.kinds?.get(x.model) === want)
          .map((x) => x.step)
          .filter((s, i, all) => all.indexOf(s) === i)
          .join(', ');
      throw new GatewayError({
        status: 400,
        kind: 'invalid_request',
        param: 'model',
        message: `${what} mixes model kinds (${known}: ${steps(known)}; ${k}: ${steps(k)}): a combo's steps must all be of one kind.`,
      });
    }
    known = k;
  }
  if (known !== undefined && known !== kind)
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      param: 'model',
      message: `${what} is ${known === 'image' || known === 'embedding' ? 'an' : 'a'} ${known} model: it answers ${ENDPOINT_OF[known]}, not ${ENDPOINT_OF[kind]}.`,
    });
  return attempts;
}
