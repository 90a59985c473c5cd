// Some OpenAI-compatible servers (Qwen/DeepSeek-R1 distills on vLLM, Ollama, Kimi) put the
// reasoning inline as `<think>…</think>` at the start of `content`. Clients then show the
// markers as text (OmniRoute #5123). Only a leading block counts: a `<think>` in the middle of
// an answer is the model talking about tags, not reasoning.

const OPEN = '<think>';
const CLOSE = '</think>';

/** Splits a complete content string into leading reasoning and the answer. */
export function splitThinkTags(content: string): { reasoning?: string; text: string } {
  const lead = content.trimStart();
  if (!lead.startsWith(OPEN)) return { text: content };
  const rest = lead.slice(OPEN.length);
  const close = rest.indexOf(CLOSE);
  if (close === -1) return { reasoning: rest.replace(/^\n+/, ''), text: '' };
  return {
    reasoning: rest.slice(0, close).replace(/^\n+/, '').replace(/\n+$/, ''),
    text: rest.slice(close + CLOSE.length).replace(/^\s+/, ''),
  };
}

export interface ThinkSegment {
  kind: 'text' | 'reasoning';
  text: string;
}

/** Longest suffix of `s` that is a proper prefix of `tag` (a tag possibly split across chunks). */
function partialTagSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

/**
 * Streaming version: feed content deltas, get text/reasoning segments. Holds back just enough
 * characters to recognise a tag split across chunks (`<th` + `ink>`).
 */
export class ThinkTagSplitter {
  private mode: 'detect' | 'reasoning' | 'text' = 'detect';
  private buffer = '';
  /** Strip the newline(s) a model writes right after a tag. */
  private trimLead = false;

  push(delta: string): ThinkSegment[] {
    this.buffer += delta;
    return this.drain(false);
  }

  flush(): ThinkSegment[] {
    return this.drain(true);
  }

  private drain(final: boolean): ThinkSegment[] {
    const out: ThinkSegment[] = [];
    for (;;) {
      if (this.mode === 'detect') {
        const lead = this.buffer.trimStart();
        if (lead.startsWith(OPEN)) {
          this.buffer = lead.slice(OPEN.length);
          this.mode = 'reasoning';
          this.trimLead = true;
          continue;
        }
        if (!final && (lead === '' || OPEN.startsWith(lead))) return out;
        this.mode = 'text';
        continue;
      }
      if (this.trimLead) {
        const trimmed = this.mode === 'reasoning' ? this.buffer.replace(/^\n+/, '') : this.buffer.trimStart();
        this.buffer = trimmed;
        if (trimmed === '' && !final) return out;
        this.trimLead = false;
      }
      if (this.mode === 'text') {
        if (this.buffer) out.push({ kind: 'text', text: this.buffer });
        this.buffer = '';
        return out;
      }
      const close = this.buffer.indexOf(CLOSE);
      if (close !== -1) {
        const reasoning = this.buffer.slice(0, close).replace(/\n+$/, '');
        if (reasoning) out.push({ kind: 'reasoning', text: reasoning });
        this.buffer = this.buffer.slice(close + CLOSE.length);
        this.mode = 'text';
        this.trimLead = true;
        continue;
      }
      const hold = final ? 0 : partialTagSuffix(this.buffer, CLOSE);
      const emit = this.buffer.slice(0, this.buffer.length - hold);
      if (emit) out.push({ kind: 'reasoning', text: emit });
      this.buffer = this.buffer.slice(emit.length);
      return out;
    }
  }
}
