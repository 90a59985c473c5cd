import type { ProviderQuirks } from '../codec.js';

/**
 * Adjusts a translated Chat body for what an OpenAI-compatible provider rejects or needs (every
 * provider quirk is about this format's body).
 */
export function applyChatQuirks(body: Record<string, unknown>, q: ProviderQuirks, stream: boolean): void {
  if (stream && !q.noStreamOptions) body.stream_options = { include_usage: true };
  if (q.noStreamOptions) delete body.stream_options;
  if (q.maxTokensField === 'max_completion_tokens' && body.max_tokens !== undefined) {
    body.max_completion_tokens ??= body.max_tokens;
    delete body.max_tokens;
  }
  if (q.systemAsUser && Array.isArray(body.messages)) {
    for (const m of body.messages as Array<{ role: string }>)
      if (m.role === 'system' || m.role === 'developer') m.role = 'user';
  }
  for (const f of q.dropFields ?? []) delete body[f];
}
