/** This gateway's addresses as coding tools must use them: the page's own origin. */
export function gatewayOrigin(): string {
  return window.location.origin;
}
/** OpenAI-compatible tools: …/v1. */
export function openAiBaseUrl(): string {
  return `${gatewayOrigin()}/v1`;
}
