import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SseMessage } from '../../core/formats/codec.js';

// Anthropic streams that break the documented event order
// (https://docs.anthropic.com/en/api/messages-streaming, "Event types"). No provider was caught
// sending them, so they were assembled from the lines of real captures
// (tests/fixtures/constructed/README.md; tests/unit/fixtures.test.ts checks every line is one).

export const CONSTRUCTED_ROOT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'constructed',
);

const type = (line: string) => (JSON.parse(line) as { type: string }).type;

export interface CorruptStream {
  /** What goes wrong, for test names. */
  name: string;
  file: string;
  lines: string[];
  /** Text a caller may already have had before the fault. */
  textBefore: string;
}

const STREAMS: Array<{ name: string; file: string; textBefore: string }> = [
  {
    // A second answer glued on (a proxy replaying a retry into the same response): merged, it
    // would read as the text plus a tool call, finishing as tool_use.
    name: 'a second message_start before message_stop',
    file: 'anthropic/anthropic-second-message-start.chunks.txt',
    textBefore:
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
  },
  {
    name: 'content_block_delta for a block never started',
    file: 'anthropic/anthropic-delta-before-block-start.chunks.txt',
    textBefore: '',
  },
  {
    name: 'a second content_block_start on an open index',
    file: 'anthropic/anthropic-block-started-twice.chunks.txt',
    textBefore: '',
  },
  {
    name: 'content_block_stop for a block already stopped',
    file: 'anthropic/anthropic-block-stopped-twice.chunks.txt',
    textBefore:
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
  },
];

export function corruptAnthropicStreams(): CorruptStream[] {
  return STREAMS.map((s) => ({
    ...s,
    lines: readFileSync(path.join(CONSTRUCTED_ROOT, s.file), 'utf8')
      .split('\n')
      .filter((l) => l.trim()),
  }));
}

export function anthropicSse(lines: string[]): SseMessage[] {
  return lines.map((data) => ({ event: type(data), data }));
}

export function anthropicSseText(lines: string[]): string {
  return lines.map((data) => `event: ${type(data)}\ndata: ${data}\n\n`).join('');
}
