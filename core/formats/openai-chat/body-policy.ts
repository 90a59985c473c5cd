import type { BodyPolicies } from '../codec.js';
import { withoutKeys, type Body } from '../body-policy.js';

export const chatBodyPolicies: BodyPolicies = {
  addSystemPrompt(body, text, position) {
    const messages = Array.isArray(body.messages) ? (body.messages as Body[]) : [];
    const msg = { role: 'system', content: text };
    if (position === 'prepend') messages.unshift(msg);
    else {
      // After the caller's own leading system (and developer) messages, before the conversation.
      let i = 0;
      while (i < messages.length && (messages[i]?.role === 'system' || messages[i]?.role === 'developer'))
        i++;
      messages.splice(i, 0, msg);
    }
    body.messages = messages;
  },
  stripReasoning(body) {
    delete body.reasoning_effort;
    // OpenRouter's `reasoning` object: its amounts go, `exclude` and the like stay.
    withoutKeys(body, 'reasoning', ['effort', 'max_tokens']);
  },
  setThinking(body, t) {
    body.reasoning_effort = t.effort;
  },
};
