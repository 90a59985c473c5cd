import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireFormat } from '../../core/formats/canonical.js';
import type { SseMessage } from '../../core/formats/codec.js';

export const FIXTURE_ROOT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'upstream',
);

export interface ManifestEntry {
  file: string;
  format: WireFormat;
  stream: boolean;
  features: string[];
  provider: string;
  model: string;
  sha256: string;
}

export function manifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(path.join(FIXTURE_ROOT, 'MANIFEST.json'), 'utf8')) as ManifestEntry[];
}

/** A non-streamed body fixture, parsed. `name` is relative to fixtures/upstream, e.g. `anthropic/anthropic-text.json`. */
export function loadJson(name: string): any {
  return JSON.parse(readFileSync(path.join(FIXTURE_ROOT, name), 'utf8'));
}

/** The JSON payload lines of a `.chunks.txt` fixture. */
export function loadChunkLines(name: string): string[] {
  return readFileSync(path.join(FIXTURE_ROOT, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0);
}

/**
 * The SSE messages an upstream of `format` sends for a `.chunks.txt` fixture, framed as the
 * fixture README prescribes (Anthropic and Responses name the event after `type`; OpenAI Chat
 * ends with [DONE]; Gemini sends bare data lines).
 */
export function fixtureSseMessages(name: string, format: WireFormat): SseMessage[] {
  const lines = loadChunkLines(name);
  const out: SseMessage[] = lines.map((line) => {
    if (format === 'anthropic' || format === 'openai-responses') {
      const type = (JSON.parse(line) as { type?: string }).type;
      return type ? { event: type, data: line } : { data: line };
    }
    return { data: line };
  });
  if (format === 'openai-chat') out.push({ data: '[DONE]' });
  return out;
}

/** The same messages as wire text. */
export function fixtureSseText(name: string, format: WireFormat): string {
  return fixtureSseMessages(name, format)
    .map((m) => (m.event ? `event: ${m.event}\n` : '') + `data: ${m.data}\n\n`)
    .join('');
}
