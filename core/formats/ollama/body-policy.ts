import type { BodyPolicies } from '../codec.js';
import type { Body } from '../body-policy.js';
import { thinkValue } from './encode-request.js';

export const ollamaBodyPolicies: BodyPolicies = {
  addSystemPrompt(body, text, position) {
    const messages = Array.isArray(body.messages) ? (body.messages as Body[]) : [];
    // Appended after the caller's own leading system messages, before the conversation.
    let at = 0;
    if (position === 'append') while (messages[at]?.role === 'system') at++;
    messages.splice(at, 0, { role: 'system', content: text });
    body.messages = messages;
  },
  stripReasoning(body) {
    delete body.think;
  },
  setThinking(body, t) {
    body.think = t.budget === 0 ? false : thinkValue(t.effort);
  },
};
