import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import type { WireCodec } from '../../../../core/formats/codec.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson, manifest } from '../../../helpers/fixtures.js';
import { decodeFixture } from './helpers.js';

const codecs: Partial<Record<string, WireCodec>> = {
  'openai-chat': openaiChatCodec,
  anthropic: anthropicCodec,
};
const entries = manifest().filter((e) => codecs[e.format]);

describe('every openai-chat and anthropic capture decodes', () => {
  it('covers all 20 files of the two formats', () => {
    expect(entries).toHaveLength(20);
  });

  it.each(entries.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
    const codec = codecs[entry.format]!;
    if (entry.features.includes('error')) {
      expect(codec.decodeError(400, loadJson(entry.file)).kind).toBe('invalid_request');
      return;
    }
    if (!entry.stream) {
      const response = codec.decodeResponse(loadJson(entry.file));
      expect(response.content.length).toBeGreaterThan(0);
      expect(response.usage!.inputTokens).toBeGreaterThan(0);
      expect(response.finishReason).toBe(entry.features.includes('tool-call') ? 'tool_calls' : 'stop');
      return;
    }
    const events: StreamEvent[] = decodeFixture(codec.createStreamDecoder(), entry.file, entry.format);
    expect(events[0]!.type).toBe('start');
    expect(events.at(-1)!.type).toBe('finish');
    expect(events.filter((e) => e.type === 'start' || e.type === 'finish')).toHaveLength(2);
    // Every opened block is closed exactly once, before `finish`.
    const open = new Set<string>();
    for (const e of events) {
      if (e.type.endsWith('-start') && e.type !== 'start')
        open.add(`${e.type.slice(0, -6)}:${(e as { id: string }).id}`);
      if (e.type.endsWith('-end'))
        expect(open.delete(`${e.type.slice(0, -4)}:${(e as { id: string }).id}`)).toBe(true);
    }
    expect(open.size).toBe(0);
    const finish = events.at(-1) as Extract<StreamEvent, { type: 'finish' }>;
    expect(finish.usage!.outputTokens).toBeGreaterThan(0);
    expect(finish.reason).toBe(entry.features.includes('tool-call') ? 'tool_calls' : 'stop');
  });
});
