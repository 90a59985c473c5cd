import type { CanonicalRequest, ReasoningEffort, WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { Settings } from '../store/repos/settings.js';

// Global request policies the user sets once for every agent: a system prompt and how much the
// models may think. They edit both the canonical request (for translated attempts) and the
// caller's own body (for same-format passthrough), so the upstream sees the same thing either
// way and passthrough keeps every field the gateway does not model.

type Body = Record<string, unknown>;
type Policy = Pick<
  Settings,
  'systemPrompt' | 'systemPromptPosition' | 'thinkingMode' | 'thinkingBudgetTokens'
>;

/** Anthropic refuses a thinking budget under 1024 tokens. */
const MIN_BUDGET = 1024;

/** Whether any policy would touch a request: the hot path skips everything when not. */
export function policyActive(s: Policy): boolean {
  return s.systemPrompt.length > 0 || s.thinkingMode !== 'passthrough';
}

/**
 * Applies the policies in place. Returns true when the caller's body was changed, so the
 * passthrough path re-serialises it instead of splicing the raw bytes.
 */
export function applyRequestPolicy(
  format: WireFormat,
  body: Body,
  canonical: CanonicalRequest,
  s: Policy,
): boolean {
  let changed = false;
  if (s.systemPrompt) {
    injectSystemCanonical(canonical, s.systemPrompt, s.systemPromptPosition);
    codecFor(format).bodyPolicies.addSystemPrompt(body, s.systemPrompt, s.systemPromptPosition);
    changed = true;
  }
  if (s.thinkingMode !== 'passthrough' && wantsReasoning(canonical)) {
    if (s.thinkingMode === 'auto') {
      stripReasoningCanonical(canonical);
      codecFor(format).bodyPolicies.stripReasoning(body);
    } else {
      const budget =
        s.thinkingMode === 'custom'
          ? s.thinkingBudgetTokens
          : adaptiveBudget(canonical, Math.max(MIN_BUDGET, s.thinkingBudgetTokens));
      setBudgetCanonical(canonical, budget);
      codecFor(format).bodyPolicies.setThinking(body, {
        budget,
        budgetTokens: Math.max(MIN_BUDGET, budget),
        effort: effortFor(budget),
        maxTokens: canonical.maxTokens,
      });
    }
    changed = true;
  }
  return changed;
}

/**
 * Custom and adaptive set how much a model thinks, never whether: a request that did not ask
 * for reasoning is left alone, because forcing thinking on a model without it is a 400.
 */
function wantsReasoning(c: CanonicalRequest): boolean {
  const r = c.reasoning;
  if (!r || r.enabled === false) return false;
  return Boolean(r.enabled || r.adaptive || r.budgetTokens || (r.effort && r.effort !== 'none'));
}

/**
 * A budget scaled to how much work the request looks like: its text, its tools and how long
 * the conversation is. Small questions get the minimum, large agent turns the ceiling.
 */
export function adaptiveBudget(c: CanonicalRequest, ceiling: number): number {
  let chars = 0;
  for (const m of c.messages)
    for (const p of m.content as Array<{ type: string; text?: string }>)
      if (p.type === 'text' && p.text) chars += p.text.length;
  const tools = c.tools?.length ?? 0;
  const score = Math.min(1, chars / 40_000 + (tools > 0 ? 0.2 : 0) + c.messages.length / 60);
  const budget = Math.round(MIN_BUDGET + (ceiling - MIN_BUDGET) * score);
  return Math.min(ceiling, Math.max(MIN_BUDGET, budget));
}

export function effortFor(budget: number): ReasoningEffort {
  if (budget <= 0) return 'none';
  if (budget <= 2048) return 'low';
  if (budget <= 12_288) return 'medium';
  return 'high';
}

function injectSystemCanonical(c: CanonicalRequest, text: string, position: 'prepend' | 'append'): void {
  const part = { type: 'text' as const, text };
  if (position === 'prepend') {
    c.messages.unshift({ role: 'system', content: [part] });
    return;
  }
  // After the caller's own leading system messages, before the conversation.
  let i = 0;
  while (i < c.messages.length && c.messages[i]!.role === 'system') i++;
  c.messages.splice(i, 0, { role: 'system', content: [part] });
}

function stripReasoningCanonical(c: CanonicalRequest): void {
  const r = c.reasoning;
  if (!r) return;
  // Keep what only controls visibility (summaries, thought parts); drop every amount.
  const { summary, includeThoughts } = r;
  c.reasoning = summary || includeThoughts ? { summary, includeThoughts } : undefined;
}

function setBudgetCanonical(c: CanonicalRequest, budget: number): void {
  c.reasoning = {
    ...c.reasoning,
    enabled: budget > 0,
    adaptive: false,
    budgetTokens: budget > 0 ? Math.max(MIN_BUDGET, budget) : undefined,
    effort: effortFor(budget),
  };
  if (budget > 0 && c.maxTokens !== undefined && c.maxTokens <= budget)
    c.maxTokens = budget + Math.max(1024, c.maxTokens);
}
