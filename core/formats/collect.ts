import type { AssistantPart, CanonicalResponse, StreamEvent, Usage } from './canonical.js';

type Event<T extends StreamEvent['type']> = Extract<StreamEvent, { type: T }>;

/**
 * A whole answer from a stream's canonical events, for a caller that did not ask for a stream
 * when the upstream only streams. Blocks keep the order in which they opened.
 */
export function responseFromEvents(events: readonly StreamEvent[]): CanonicalResponse {
  const collector = new ResponseCollector();
  for (const e of events) collector.push(e);
  return collector.response();
}

class ResponseCollector {
  private readonly res: CanonicalResponse = {
    id: '',
    model: '',
    created: Math.floor(Date.now() / 1000),
    content: [],
    finishReason: 'stop',
  };
  private readonly open = new Map<string, AssistantPart>();
  private readonly usage: Partial<Usage> = {};

  /** The dispatch table: one line per event kind, the work in the methods below. */
  push(e: StreamEvent): void {
    switch (e.type) {
      case 'start':
        this.res.id = e.id;
        this.res.model = e.model;
        this.res.created = e.created;
        this.mergeUsage(e.usage);
        break;
      case 'text-start':
        this.openPart(`t:${e.id}`, { type: 'text', text: '' });
        break;
      case 'text-delta': {
        const part = this.open.get(`t:${e.id}`);
        if (part?.type === 'text') part.text += e.text;
        break;
      }
      case 'reasoning-start':
        this.reasoningStart(e);
        break;
      case 'reasoning-delta': {
        const part = this.open.get(`r:${e.id}`);
        if (part?.type === 'reasoning') part.text += e.text;
        break;
      }
      case 'reasoning-end':
        this.reasoningEnd(e);
        break;
      case 'tool-call-start':
        this.toolCallStart(e);
        break;
      case 'tool-call-delta': {
        const part = this.open.get(`c:${e.id}`);
        if (part?.type === 'tool-call') part.arguments += e.argumentsDelta;
        break;
      }
      case 'tool-call-end': {
        const part = this.open.get(`c:${e.id}`);
        if (part?.type === 'tool-call' && e.thoughtSignature) part.thoughtSignature = e.thoughtSignature;
        break;
      }
      case 'usage':
        this.mergeUsage(e.usage);
        break;
      case 'finish':
        this.finish(e);
        break;
      default:
        break;
    }
  }

  response(): CanonicalResponse {
    const { usage, res } = this;
    if (usage.inputTokens !== undefined || usage.outputTokens !== undefined)
      res.usage = { inputTokens: 0, outputTokens: 0, ...usage };
    return res;
  }

  private mergeUsage(u?: Partial<Usage>): void {
    if (u)
      for (const k in u)
        if (u[k as keyof Usage] !== undefined) this.usage[k as keyof Usage] = u[k as keyof Usage]!;
  }

  private openPart(key: string, part: AssistantPart): void {
    this.open.set(key, part);
    this.res.content.push(part);
  }

  private reasoningStart(e: Event<'reasoning-start'>): void {
    const part: AssistantPart = { type: 'reasoning', text: '' };
    if (e.itemId) part.itemId = e.itemId;
    if (e.origin) part.origin = e.origin;
    this.openPart(`r:${e.id}`, part);
  }

  private reasoningEnd(e: Event<'reasoning-end'>): void {
    const part = this.open.get(`r:${e.id}`);
    if (part?.type !== 'reasoning') return;
    if (e.signature) part.signature = e.signature;
    if (e.redactedData) part.redactedData = e.redactedData;
    if (e.encryptedContent) part.encryptedContent = e.encryptedContent;
    if (e.thoughtSignature) part.thoughtSignature = e.thoughtSignature;
    if (e.itemId) part.itemId = e.itemId;
    if (e.origin) part.origin = e.origin;
  }

  private toolCallStart(e: Event<'tool-call-start'>): void {
    const part: AssistantPart = { type: 'tool-call', id: e.id, name: e.name, arguments: '' };
    if (e.itemId) part.itemId = e.itemId;
    if (e.origin) part.origin = e.origin;
    this.openPart(`c:${e.id}`, part);
  }

  private finish(e: Event<'finish'>): void {
    this.res.finishReason = e.reason;
    if (e.rawReason) this.res.rawFinishReason = e.rawReason;
    if (e.stopSequence) this.res.stopSequence = e.stopSequence;
    this.mergeUsage(e.usage);
  }
}
