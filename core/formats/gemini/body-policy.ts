import type { BodyPolicies } from '../codec.js';
import type { Body } from '../body-policy.js';

// Gemini takes both spellings (camelCase and the proto's snake_case): the caller's is kept.

function thinkingConfigOf(body: Body): Body | undefined {
  const gc = (body.generationConfig ?? body.generation_config) as Body | undefined;
  if (!gc || typeof gc !== 'object') return undefined;
  return (gc.thinkingConfig ?? gc.thinking_config) as Body | undefined;
}

export const geminiBodyPolicies: BodyPolicies = {
  addSystemPrompt(body, text, position) {
    const key =
      'system_instruction' in body && !('systemInstruction' in body)
        ? 'system_instruction'
        : 'systemInstruction';
    const si = (body[key] as { parts?: Body[] } | undefined) ?? {};
    const parts = Array.isArray(si.parts) ? si.parts : [];
    if (position === 'prepend') parts.unshift({ text });
    else parts.push({ text });
    body[key] = { ...si, parts };
  },
  stripReasoning(body) {
    const tc = thinkingConfigOf(body);
    if (tc) {
      delete tc.thinkingBudget;
      delete tc.thinkingLevel;
      delete tc.thinking_budget;
      delete tc.thinking_level;
    }
  },
  setThinking(body, t) {
    const gc = ((body.generationConfig ?? body.generation_config) as Body | undefined) ?? {};
    const key =
      'generation_config' in body && !('generationConfig' in body) ? 'generation_config' : 'generationConfig';
    const tc = ((gc.thinkingConfig ?? gc.thinking_config) as Body | undefined) ?? {};
    delete tc.thinkingLevel;
    delete tc.thinking_level;
    delete tc.thinking_budget;
    tc.thinkingBudget = t.budget;
    delete gc.thinking_config;
    gc.thinkingConfig = tc;
    body[key] = gc;
  },
};
