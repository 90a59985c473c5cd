import { modelKind } from './registry.js';
import type { ProviderDefinition } from './types.js';

/** The Markdown table of built-in providers in docs/providers.md. */
export function providerTable(providers: readonly ProviderDefinition[]): string {
  const rows = providers.map((p) => {
    const prefixes = [p.id, ...(p.aliases ?? [])].map((x) => `\`${x}/\``).join(' ');
    const quirks = Object.entries(p.quirks ?? {})
      .map(([k, v]) => (v === true ? k : `${k}: ${String(v)}`))
      .join(', ');
    return `| ${p.name} | ${prefixes} | ${p.formats.join(', ')} | \`${p.baseUrl}\` | ${p.auth} | ${p.tier}${p.local ? ' (local)' : ''} | ${p.models.map((m) => modelCell(p, m)).join(', ')} | ${quirks || '—'} |`;
  });
  return (
    '| provider | model prefix | wire format(s) | base URL | auth | tier | default models (kind when not chat) | quirks |\n' +
    '|---|---|---|---|---|---|---|---|\n' +
    rows.join('\n') +
    '\n'
  );
}

/** A model, and its kind when it is not a chat model (it answers /v1/embeddings, /v1/rerank…). */
function modelCell(p: ProviderDefinition, m: string): string {
  const kind = modelKind(p, m);
  return kind === 'chat' ? `\`${m}\`` : `\`${m}\` (${kind})`;
}
