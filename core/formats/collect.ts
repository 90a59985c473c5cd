import type { AssistantPart, CanonicalResponse, StreamEvent, Usage } from './canonical.js';

/**
 * A whole answer from a stream's canonical events, for a caller that did not ask for a stream
 * when the upstream only streams. Blocks keep the order in which they opened.
 */
export function responseFromEvents(events: readonly StreamEvent[]): CanonicalResponse {
  const res: CanonicalResponse = {
    id: '',
    model: '',
    created: Math.floor(Date.now() / 1000),
    content: [],
    finishReason: 'stop',
  };
  const open = new Map<string, AssistantPart>();
  const usage: Partial<Usage> = {};
  const mergeUsage = (u?: Partial<Usage>) => {
    if (u)
      for (const k in u)
        if (u[k as keyof Usage] !== undefined) usage[k as keyof Usage] = u[k as keyof Usage]!;
  };
  for (const e of events) {
    switch (e.type) {
      case 'start':
        res.id = e.id;
        res.model = e.model;
        res.created = e.created;
        mergeUsage(e.usage);
        break;
      case 'text-start': {
        const part: AssistantPart = { type: 'text', text: '' };
        open.set(`t:${e.id}`, part);
        res.content.push(part);
        break;
      }
      case 'text-delta': {
        const part = open.get(`t:${e.id}`);
        if (part?.type === 'text') part.text += e.text;
        break;
      }
      case 'reasoning-start': {
        const part: AssistantPart = { type: 'reasoning', text: '' };
        if (e.itemId) part.itemId = e.itemId;
        if (e.origin) part.origin = e.origin;
        open.set(`r:${e.id}`, part);
        res.content.push(part);
        break;
      }
      case 'reasoning-delta': {
        const part = open.get(`r:${e.id}`);
        if (part?.type === 'reasoning') part.text += e.text;
        break;
      }
      case 'reasoning-end': {
        const part = open.get(`r:${e.id}`);
        if (part?.type !== 'reasoning') break;
        if (e.signature) part.signature = e.signature;
        if (e.redactedData) part.redactedData = e.redactedData;
        if (e.encryptedContent) part.encryptedContent = e.encryptedContent;
        if (e.thoughtSignature) part.thoughtSignature = e.thoughtSignature;
        if (e.itemId) part.itemId = e.itemId;
        if (e.origin) part.origin = e.origin;
        break;
      }
      case 'tool-call-start': {
        const part: AssistantPart = { type: 'tool-call', id: e.id, name: e.name, arguments: '' };
        if (e.itemId) part.itemId = e.itemId;
        if (e.origin) part.origin = e.origin;
        open.set(`c:${e.id}`, part);
        res.content.push(part);
        break;
      }
      case 'tool-call-delta': {
        const part = open.get(`c:${e.id}`);
        if (part?.type === 'tool-call') part.arguments += e.argumentsDelta;
        break;
      }
      case 'tool-call-end': {
        const part = open.get(`c:${e.id}`);
        if (part?.type === 'tool-call' && e.thoughtSignature) part.thoughtSignature = e.thoughtSignature;
        break;
      }
      case 'usage':
        mergeUsage(e.usage);
        break;
      case 'finish':
        res.finishReason = e.reason;
        if (e.rawReason) res.rawFinishReason = e.rawReason;
        if (e.stopSequence) res.stopSequence = e.stopSequence;
        mergeUsage(e.usage);
        break;
      default:
        break;
    }
  }
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined)
    res.usage = { inputTokens: 0, outputTokens: 0, ...usage };
  return res;
}
