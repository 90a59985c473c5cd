import type { BodyPolicies } from '../codec.js';
import { joinText, withoutKeys, type Body } from '../body-policy.js';

export const responsesBodyPolicies: BodyPolicies = {
  addSystemPrompt(body, text, position) {
    body.instructions = joinText(
      typeof body.instructions === 'string' ? body.instructions : '',
      text,
      position,
    );
  },
  stripReasoning(body) {
    withoutKeys(body, 'reasoning', ['effort']);
  },
  setThinking(body, t) {
    body.reasoning = { ...((body.reasoning as Body | undefined) ?? {}), effort: t.effort };
  },
};
