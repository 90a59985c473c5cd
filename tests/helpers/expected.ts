import type { WireFormat } from '../../core/formats/canonical.js';
import { codecFor } from '../../core/formats/index.js';
import { fixtureSseMessages, loadJson } from './fixtures.js';

export interface Content {
  text: string;
  tools: Array<{ name: string; args: unknown }>;
  reasoning: string;
}

/** What a fixture says, read through the upstream format's own decoder (itself tested against literal values). */
export function expectedFromFixture(file: string): Content {
  const format = file.split('/')[0] as WireFormat;
  const codec = codecFor(format);
  const out: Content = { text: '', tools: [], reasoning: '' };
  if (file.endsWith('.json')) {
    const res = codec.decodeResponse(loadJson(file));
    for (const p of res.content) {
      if (p.type === 'text') out.text += p.text;
      else if (p.type === 'reasoning') out.reasoning += p.text;
      else if (p.type === 'tool-call')
        out.tools.push({ name: p.name, args: JSON.parse(p.arguments || '{}') });
    }
    return out;
  }
  const dec = codec.createStreamDecoder();
  const events = fixtureSseMessages(file, format).flatMap((m) => dec.push(m));
  events.push(...dec.end());
  const args = new Map<string, { name: string; args: string }>();
  for (const e of events) {
    if (e.type === 'text-delta') out.text += e.text;
    else if (e.type === 'reasoning-delta') out.reasoning += e.text;
    else if (e.type === 'tool-call-start') args.set(e.id, { name: e.name, args: '' });
    else if (e.type === 'tool-call-delta') args.get(e.id)!.args += e.argumentsDelta;
  }
  for (const t of args.values()) out.tools.push({ name: t.name, args: JSON.parse(t.args || '{}') });
  return out;
}
