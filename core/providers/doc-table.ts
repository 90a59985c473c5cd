import { modelKind } from './registry.js';
import type { ProviderDefinition } from './types.js';

/** The Markdown table of built-in providers in docs/providers.md. */
export function providerTable(providers: readonly ProviderDefinition[]): string {
  const rows = providers.map((p) => {
    const prefixes = [p.id, ...(p.aliases ?? [])].map((x) => `\`${x}/\``).join(' ');
    const quirks = Object.entries(p.quirks ?? {})
      .map(([k, v]) => (v === true ? k : `${k}: ${String(v)}`))
      .join(', ');
    const fields =
      (p.accountFields ?? [])
        .map((f) => `\`${f.key}\`${f.default === undefined ? '' : ` (default \`${f.default}\`)`}`)
        .join(', ') || '—';
    const models = p.models
      .map((m) => {
        const ctx = p.modelInfo?.[m]?.contextWindow;
        return `${modelCell(p, m)}${ctx ? ` (${Math.round(ctx / 1024)}k)` : ''}${p.modelInfo?.[m]?.free ? ' free' : ''}`;
      })
      .join(', ');
    return `| ${p.name} | ${prefixes} | ${p.formats.join(', ')} | \`${p.baseUrl}\` | ${p.auth} | ${fields} | ${p.tier}${p.local ? ' (local)' : ''} | ${models} | ${quirks || '—'} |`;
  });
  return (
    '| provider | model prefix | wire format(s) | base URL | auth | account fields | tier | default models (kind when not chat, context) | quirks |\n' +
    '|---|---|---|---|---|---|---|---|---|\n' +
    rows.join('\n') +
    '\n'
  );
}

/** The free tiers as each provider documents them, with the day they were checked. */
export function freeTierTable(providers: readonly ProviderDefinition[]): string {
  const rows = providers
    .filter((p) => p.freeTier)
    .map((p) => `| ${p.name} | ${p.freeTier!.note} | ${p.freeTier!.checked} | ${p.freeTier!.source} |`);
  return '| provider | free tier | checked | source |\n|---|---|---|---|\n' + rows.join('\n') + '\n';
}

/** A model, and its kind when it is not a chat model (it answers /v1/embeddings, /v1/rerank…). */
function modelCell(p: ProviderDefinition, m: string): string {
  const kind = modelKind(p, m);
  return kind === 'chat' ? `\`${m}\`` : `\`${m}\` (${kind})`;
}
