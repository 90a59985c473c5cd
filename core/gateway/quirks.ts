import type { WireFormat } from '../formats/canonical.js';
import type { ProviderQuirks } from '../providers/types.js';

/** Adjusts a translated upstream body for what a provider rejects or needs. */
export function applyQuirks(
  body: Record<string, unknown>,
  q: ProviderQuirks,
  format: WireFormat,
  stream: boolean,
): void {
  if (format !== 'openai-chat') return;
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
