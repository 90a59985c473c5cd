import type { SseMessage } from '../../core/formats/codec.js';
import { loadChunkLines } from './fixtures.js';

// Anthropic streams that break the documented event order
// (https://docs.anthropic.com/en/api/messages-streaming, "Event types"), built from the lines of
// real captures: no provider was caught sending them, so they are assembled, not captured (see
// tests/fixtures/PROVENANCE.md).

const TEXT = 'anthropic/anthropic-text.chunks.txt';
const TOOL = 'anthropic/anthropic-tool-use.chunks.txt';

const type = (line: string) => (JSON.parse(line) as { type: string }).type;
const upTo = (lines: string[], t: string) =>
  lines.slice(
    0,
    lines.findIndex((l) => type(l) === t),
  );

export interface CorruptStream {
  /** What goes wrong, for test names. */
  name: string;
  lines: string[];
  /** Text the caller may already have had before the fault (the first message's). */
  textBefore: string;
}

function textOf(lines: string[]): string {
  return lines
    .map((l) => JSON.parse(l) as { delta?: { type?: string; text?: string } })
    .filter((e) => e.delta?.type === 'text_delta')
    .map((e) => e.delta!.text)
    .join('');
}

export function corruptAnthropicStreams(): CorruptStream[] {
  const text = loadChunkLines(TEXT);
  const tool = loadChunkLines(TOOL);
  const firstMessage = upTo(text, 'message_delta');
  const blockStart = text.find((l) => type(l) === 'content_block_start')!;
  const blockStop = text.find((l) => type(l) === 'content_block_stop')!;
  return [
    {
      // A second answer glued on (a proxy replaying a retry into the same response): merged,
      // it would read as the text plus a tool call, finishing as tool_use.
      name: 'a second message_start before message_stop',
      lines: [...firstMessage, ...tool],
      textBefore: textOf(firstMessage),
    },
    {
      name: 'content_block_delta for a block never started',
      lines: text.filter((l) => l !== blockStart),
      textBefore: '',
    },
    {
      name: 'a second content_block_start on an open index',
      lines: text.flatMap((l) => (l === blockStart ? [l, l] : [l])),
      textBefore: '',
    },
    {
      name: 'content_block_stop for a block already stopped',
      lines: text.flatMap((l) => (l === blockStop ? [l, l] : [l])),
      textBefore: textOf(text),
    },
  ];
}

export function anthropicSse(lines: string[]): SseMessage[] {
  return lines.map((data) => ({ event: type(data), data }));
}

export function anthropicSseText(lines: string[]): string {
  return lines.map((data) => `event: ${type(data)}\ndata: ${data}\n\n`).join('');
}
