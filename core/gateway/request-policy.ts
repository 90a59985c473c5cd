import type { CanonicalRequest, ReasoningEffort, WireFormat } from '../formats/canonical.js';
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
    injectSystemBody(format, body, s.systemPrompt, s.systemPromptPosition);
    changed = true;
  }
  if (s.thinkingMode !== 'passthrough' && wantsReasoning(canonical)) {
    if (s.thinkingMode === 'auto') {
      stripReasoningCanonical(canonical);
      stripReasoningBody(format, body);
    } else {
      const budget =
        s.thinkingMode === 'custom'
          ? s.thinkingBudgetTokens
          : adaptiveBudget(canonical, Math.max(MIN_BUDGET, s.thinkingBudgetTokens));
      setBudgetCanonical(canonical, budget);
      setBudgetBody(format, body, budget, canonical);
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

function joinText(existing: string, text: string, position: 'prepend' | 'append'): string {
  if (!existing) return text;
  return position === 'prepend' ? `${text}\n\n${existing}` : `${existing}\n\n${text}`;
}

function injectSystemBody(
  format: WireFormat,
  body: Body,
  text: string,
  position: 'prepend' | 'append',
): void {
  switch (format) {
    case 'openai-chat': {
      const messages = Array.isArray(body.messages) ? (body.messages as Body[]) : [];
      const msg = { role: 'system', content: text };
      if (position === 'prepend') messages.unshift(msg);
      else {
        let i = 0;
        while (i < messages.length && (messages[i]?.role === 'system' || messages[i]?.role === 'developer'))
          i++;
        messages.splice(i, 0, msg);
      }
      body.messages = messages;
      return;
    }
    case 'openai-responses':
      body.instructions = joinText(
        typeof body.instructions === 'string' ? body.instructions : '',
        text,
        position,
      );
      return;
    case 'anthropic': {
      const sys = body.system;
      if (Array.isArray(sys)) {
        const block = { type: 'text', text };
        if (position === 'prepend') sys.unshift(block);
        else sys.push(block);
      } else body.system = joinText(typeof sys === 'string' ? sys : '', text, position);
      return;
    }
    case 'gemini': {
      const key =
        'system_instruction' in body && !('systemInstruction' in body)
          ? 'system_instruction'
          : 'systemInstruction';
      const si = (body[key] as { parts?: Body[] } | undefined) ?? {};
      const parts = Array.isArray(si.parts) ? si.parts : [];
      if (position === 'prepend') parts.unshift({ text });
      else parts.push({ text });
      body[key] = { ...si, parts };
      return;
    }
  }
}

function stripReasoningCanonical(c: CanonicalRequest): void {
  const r = c.reasoning;
  if (!r) return;
  // Keep what only controls visibility (summaries, thought parts); drop every amount.
  const { summary, includeThoughts } = r;
  c.reasoning = summary || includeThoughts ? { summary, includeThoughts } : undefined;
}

function stripReasoningBody(format: WireFormat, body: Body): void {
  switch (format) {
    case 'openai-chat':
      delete body.reasoning_effort;
      if (body.reasoning && typeof body.reasoning === 'object') {
        const { effort: _e, max_tokens: _m, ...rest } = body.reasoning as Body;
        if (Object.keys(rest).length) body.reasoning = rest;
        else delete body.reasoning;
      }
      return;
    case 'openai-responses':
      if (body.reasoning && typeof body.reasoning === 'object') {
        const { effort: _e, ...rest } = body.reasoning as Body;
        if (Object.keys(rest).length) body.reasoning = rest;
        else delete body.reasoning;
      }
      return;
    case 'anthropic': {
      delete body.thinking;
      const oc = body.output_config as Body | undefined;
      if (oc && typeof oc === 'object') {
        const { effort: _e, ...rest } = oc;
        if (Object.keys(rest).length) body.output_config = rest;
        else delete body.output_config;
      }
      return;
    }
    case 'gemini': {
      const tc = thinkingConfigOf(body);
      if (tc) {
        delete tc.thinkingBudget;
        delete tc.thinkingLevel;
        delete tc.thinking_budget;
        delete tc.thinking_level;
      }
      return;
    }
  }
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

function setBudgetBody(format: WireFormat, body: Body, budget: number, c: CanonicalRequest): void {
  const effort = effortFor(budget);
  switch (format) {
    case 'openai-chat':
      body.reasoning_effort = effort;
      return;
    case 'openai-responses':
      body.reasoning = { ...((body.reasoning as Body | undefined) ?? {}), effort };
      return;
    case 'anthropic': {
      if (budget <= 0) {
        body.thinking = { type: 'disabled' };
        return;
      }
      body.thinking = { type: 'enabled', budget_tokens: Math.max(MIN_BUDGET, budget) };
      // Anthropic requires max_tokens above the budget; the canonical request was bumped already.
      if (c.maxTokens !== undefined) body.max_tokens = c.maxTokens;
      const oc = body.output_config as Body | undefined;
      if (oc && typeof oc === 'object' && 'effort' in oc) {
        const { effort: _e, ...rest } = oc;
        if (Object.keys(rest).length) body.output_config = rest;
        else delete body.output_config;
      }
      return;
    }
    case 'gemini': {
      const gc = ((body.generationConfig ?? body.generation_config) as Body | undefined) ?? {};
      const key =
        'generation_config' in body && !('generationConfig' in body)
          ? 'generation_config'
          : 'generationConfig';
      const tc = ((gc.thinkingConfig ?? gc.thinking_config) as Body | undefined) ?? {};
      delete tc.thinkingLevel;
      delete tc.thinking_level;
      delete tc.thinking_budget;
      tc.thinkingBudget = budget;
      delete gc.thinking_config;
      gc.thinkingConfig = tc;
      body[key] = gc;
      return;
    }
  }
}

function thinkingConfigOf(body: Body): Body | undefined {
  const gc = (body.generationConfig ?? body.generation_config) as Body | undefined;
  if (!gc || typeof gc !== 'object') return undefined;
  return (gc.thinkingConfig ?? gc.thinking_config) as Body | undefined;
}
