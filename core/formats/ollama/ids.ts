// Ollama's tool calls carry no id (docs/api.md): ids are minted on the way in, stable for the
// same input so a conversation decodes the same way every turn, and dropped on the way out.

/** The id of call `index` of message `messageIndex` of a request's history. */
export function historyCallId(messageIndex: number, index: number): string {
  return `call_${messageIndex}_${index}`;
}

/** The id of call `index` of an answer, from its `created_at` (unique per answer). */
export function answerCallId(createdAt: unknown, index: number): string {
  const stem = typeof createdAt === 'string' ? createdAt.replace(/\D/g, '').slice(0, 24) : '';
  return `call_${stem || '0'}_${index}`;
}
