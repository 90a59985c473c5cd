/**
 * One request as the log records it. Its own module: the log detail's helpers compare an entry
 * with its attempts, and the writer (request-log.ts) caps the detail, so neither can hold it.
 */
export interface RequestLogEntry {
  id: string;
  ts: number;
  apiKeyId?: string;
  callerFormat: string;
  requestedModel?: string;
  providerId?: string;
  connectionId?: string;
  upstreamModel?: string;
  attempts: number;
  status: number;
  stream: boolean;
  latencyMs?: number;
  ttfbMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  /** Input tokens written to the provider's prompt cache (part of inputTokens). */
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  error?: string;
  combo?: string;
  /** What the request was for (absent: chat, as before kinds). */
  kind?: string;
  /** What a non-token request is billed by (images, audio seconds, characters, searches) and how many. */
  units?: number;
  unit?: string;
  /** Route, attempts and (debug logging) the request body: JSON in the `detail` column. */
  detail?: unknown;
}
