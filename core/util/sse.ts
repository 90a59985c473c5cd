import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event as parsed off the wire. */
export interface SseMessage {
  event?: string;
  data: string;
}

/** Incremental SSE parser: feed text as it arrives, get whole messages back. */
export function createSseParser(onMessage: (message: SseMessage) => void): {
  feed(chunk: string): void;
  reset(): void;
} {
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      onMessage(event.event ? { event: event.event, data: event.data } : { data: event.data });
    },
  });
  return { feed: (chunk) => parser.feed(chunk), reset: () => parser.reset() };
}

/** Serialises one SSE message; multi-line data becomes several `data:` lines. */
export function formatSse(data: string, event?: string): string {
  const lines = data.split(/\r\n|\r|\n/);
  let out = event ? `event: ${event}\n` : '';
  for (const line of lines) out += `data: ${line}\n`;
  return out + '\n';
}

/** How a stream's messages are framed: SSE events, or NDJSON (one JSON object a line). */
export type StreamFraming = 'sse' | 'ndjson';

/**
 * Incremental NDJSON splitter: each non-blank line becomes `{ data: line }`, the message shape
 * the SSE parser gives, so stream decoders read both the same way. A last line without its
 * newline is held until more text (or `flush`) completes it.
 */
export function createNdjsonParser(onMessage: (message: SseMessage) => void): {
  feed(chunk: string): void;
  reset(): void;
  flush(): void;
} {
  let pending = '';
  const emit = (line: string) => {
    const data = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (data.trim()) onMessage({ data });
  };
  return {
    feed(chunk) {
      const text = pending ? pending + chunk : chunk;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        emit(text.slice(from, nl));
        from = nl + 1;
      }
      pending = from === 0 ? text : text.slice(from);
    },
    reset() {
      pending = '';
    },
    flush() {
      const rest = pending;
      pending = '';
      emit(rest);
    },
  };
}

/**
 * The parser for a stream of this framing. `flush` hands on a last NDJSON line that had no
 * newline (SSE has nothing to flush: an event without its blank line is incomplete).
 */
export function createStreamParser(
  framing: StreamFraming | undefined,
  onMessage: (message: SseMessage) => void,
): { feed(chunk: string): void; flush(): void } {
  if (framing === 'ndjson') return createNdjsonParser(onMessage);
  const sse = createSseParser(onMessage);
  return { feed: sse.feed, flush: () => undefined };
}
