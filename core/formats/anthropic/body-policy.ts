import type { BodyPolicies } from '../codec.js';
import { joinText, withoutKeys } from '../body-policy.js';

export const anthropicBodyPolicies: BodyPolicies = {
  addSystemPrompt(body, text, position) {
    const sys = body.system;
    if (Array.isArray(sys)) {
      const block = { type: 'text', text };
      if (position === 'prepend') sys.unshift(block);
      else sys.push(block);
    } else body.system = joinText(typeof sys === 'string' ? sys : '', text, position);
  },
  stripReasoning(body) {
    delete body.thinking;
    withoutKeys(body, 'output_config', ['effort']);
  },
  setThinking(body, t) {
    if (t.budget <= 0) {
      body.thinking = { type: 'disabled' };
      return;
    }
    body.thinking = { type: 'enabled', budget_tokens: t.budgetTokens };
    // Anthropic requires max_tokens above the budget (raised by the caller of this already).
    if (t.maxTokens !== undefined) body.max_tokens = t.maxTokens;
    if (body.output_config && typeof body.output_config === 'object' && 'effort' in body.output_config)
      withoutKeys(body, 'output_config', ['effort']);
  },
};
