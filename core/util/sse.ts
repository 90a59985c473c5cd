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
