// A JSON / JSONC / JSON5 reader that remembers where every value sits, and an editor that
// rewrites only the spans it changes. Tools' settings files carry the user's comments, key order
// and indentation (OpenCode and Gemini CLI accept comments, OpenClaw reads JSON5); a
// parse-and-stringify round trip would lose all of that.

import { setOwn } from '../../util/own-key.js';

export class JsoncError extends Error {}

export type JNode =
  | { kind: 'object'; start: number; end: number; props: JProp[] }
  | { kind: 'array'; start: number; end: number; items: JNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'literal'; start: number; end: number; raw: string };

export interface JProp {
  key: string;
  keyStart: number;
  value: JNode;
  /** Offset of the comma after the value, when there is one. */
  comma?: number;
}

const PUNCT = new Set(['{', '}', '[', ']', ',', ':']);

class Parser {
  pos = 0;
  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(what: string): never {
    const before = this.s.slice(0, this.pos);
    const line = before.split('\n').length;
    throw new JsoncError(`${what} at line ${line}`);
  }

  /** Skips whitespace and // and /* comments. */
  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) return;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff') {
        this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '/') {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const close = s.indexOf('*/', this.pos + 2);
        if (close < 0) this.fail('unclosed comment');
        this.pos = close + 2;
      } else return;
    }
  }

  document(): JNode | undefined {
    this.skip();
    if (this.pos >= this.s.length) return undefined;
    const v = this.value();
    this.skip();
    if (this.pos < this.s.length) this.fail('unexpected text after the value');
    return v;
  }

  value(): JNode {
    this.skip();
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") {
      const start = this.pos;
      const value = this.string();
      return { kind: 'string', start, end: this.pos, value };
    }
    const start = this.pos;
    const raw = this.bare();
    if (!raw) this.fail('expected a value');
    return { kind: 'literal', start, end: this.pos, raw };
  }

  bare(): string {
    const s = this.s;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (PUNCT.has(c) || c === '"' || c === "'" || /\s/.test(c)) break;
      if (c === '/' && (s[this.pos + 1] === '/' || s[this.pos + 1] === '*')) break;
      this.pos++;
    }
    return s.slice(start, this.pos);
  }

  string(): string {
    const s = this.s;
    const q = s[this.pos]!;
    this.pos++;
    let out = '';
    for (;;) {
      const c = s[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = s[this.pos++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case '0':
          out += '\0';
          break;
        case 'u':
        case 'x': {
          const len = e === 'u' ? 4 : 2;
          const hex = s.slice(this.pos, this.pos + len);
          if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) this.fail(`bad \\${e} escape`);
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += len;
          break;
        }
        case '\r':
          if (s[this.pos] === '\n') this.pos++;
          break;
        case '\n':
          break;
        case undefined:
          this.fail('unterminated string');
          break;
        default:
          out += e;
      }
    }
  }

  /**
   * The items between the opening bracket (at pos) and `close`, separated by commas, a trailing
   * one allowed; `item` reads one, `comma` is told where the comma after it stands.
   */
  list(close: string, item: () => void, comma: (at: number) => void = () => {}): void {
    this.pos++;
    for (;;) {
      this.skip();
      if (this.s[this.pos] === close) {
        this.pos++;
        return;
      }
      item();
      this.skip();
      if (this.s[this.pos] === ',') comma(this.pos++);
      else if (this.s[this.pos] !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  object(): JNode {
    const start = this.pos;
    const props: JProp[] = [];
    const prop = () => {
      const keyStart = this.pos;
      const c = this.s[this.pos];
      const key = c === '"' || c === "'" ? this.string() : this.bare();
      if (!key && c !== '"' && c !== "'") this.fail('expected a key');
      this.skip();
      if (this.s[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      props.push({ key, keyStart, value: this.value() });
    };
    this.list('}', prop, (at) => (props[props.length - 1]!.comma = at));
    return { kind: 'object', start, end: this.pos, props };
  }

  array(): JNode {
    const start = this.pos;
    const items: JNode[] = [];
    this.list(']', () => items.push(this.value()));
    return { kind: 'array', start, end: this.pos, items };
  }
}

export function parseJsonc(text: string): JNode | undefined {
  return new Parser(text).document();
}

/** The plain value of a node (duplicate keys: the last wins, as JSON.parse does). */
export function toValue(node: JNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.props) setOwn(o, p.key, toValue(p.value));
      return o;
    }
    case 'array':
      return node.items.map(toValue);
    case 'string':
      return node.value;
    case 'literal': {
      if (node.raw === 'true') return true;
      if (node.raw === 'false') return false;
      if (node.raw === 'null') return null;
      const n = Number(node.raw);
      return Number.isNaN(n) && node.raw !== 'NaN' ? undefined : n;
    }
  }
}

/** Reads a whole JSON/JSONC/JSON5 document; an empty file is `{}`. */
export function readJsonc(text: string): unknown {
  return toValue(parseJsonc(text)) ?? {};
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

function indentUnit(text: string): string {
  const m = /^([ \t]+)\S/m.exec(text);
  return m ? m[1]! : '  ';
}

function lineIndentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function serialize(value: unknown, unit: string, indent: string, eol: string): string {
  return JSON.stringify(value, null, unit).replace(/\n/g, eol + indent);
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
}

/** Where text may be inserted after `pos` without splitting a same-line comment. */
function endOfLineAfter(text: string, pos: number): number {
  let p = pos;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text.startsWith('//', p)) {
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? text.length : nl;
  } else if (text.startsWith('/*', p)) {
    const close = text.indexOf('*/', p);
    const nl = text.indexOf('\n', p);
    if (close >= 0 && (nl < 0 || close < nl)) return endOfLineAfter(text, close + 2);
    return pos;
  }
  if (text[p - 1] === '\r') p--;
  return text[p] === '\n' || text[p] === '\r' || p >= text.length ? p : pos;
}

function insertProp(text: string, obj: JNode & { kind: 'object' }, key: string, value: unknown): string {
  const eol = eolOf(text);
  const unit = indentUnit(text);
  const ownIndent = lineIndentAt(text, obj.start);
  const k = JSON.stringify(key);
  if (obj.props.length === 0) {
    const child = ownIndent + unit;
    const entry = `${eol}${child}${k}: ${serialize(value, unit, child, eol)}`;
    const inner = text.slice(obj.start + 1, obj.end - 1);
    if (!inner.trim())
      return text.slice(0, obj.start + 1) + entry + eol + ownIndent + text.slice(obj.end - 1);
    return text.slice(0, obj.start + 1) + entry + text.slice(obj.start + 1);
  }
  const last = obj.props[obj.props.length - 1]!;
  if (!text.slice(obj.start, obj.end).includes('\n')) {
    // A one-line object stays on one line.
    const at = last.comma !== undefined ? last.comma + 1 : last.value.end;
    const entry = `${last.comma !== undefined ? ' ' : ', '}${k}: ${JSON.stringify(value)}`;
    return text.slice(0, at) + entry + text.slice(at);
  }
  const ownLine = text.slice(text.lastIndexOf('\n', last.keyStart - 1) + 1, last.keyStart).trim() === '';
  const child = ownLine ? lineIndentAt(text, last.keyStart) : ownIndent + unit;
  const entry = `${eol}${child}${k}: ${serialize(value, unit, child, eol)}`;
  if (last.comma !== undefined) {
    const at = endOfLineAfter(text, last.comma + 1);
    return text.slice(0, at) + entry + ',' + text.slice(at);
  }
  const at = endOfLineAfter(text, last.value.end);
  return text.slice(0, last.value.end) + ',' + text.slice(last.value.end, at) + entry + text.slice(at);
}

function replaceNode(text: string, node: JNode, value: unknown): string {
  if (node.kind === 'string' && text[node.start] === "'" && typeof value === 'string') {
    // A JSON5 file written with single quotes keeps them.
    const quoted = `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
    return text.slice(0, node.start) + quoted + text.slice(node.end);
  }
  const eol = eolOf(text);
  const serialized = serialize(value, indentUnit(text), lineIndentAt(text, node.start), eol);
  return text.slice(0, node.start) + serialized + text.slice(node.end);
}

/**
 * Sets `path` to `value`, creating the objects on the way; everything else in the text —
 * comments, order, formatting, other keys — stays as it was. A value on the way that is not an
 * object is replaced by one.
 */
export function setIn(text: string, path: readonly string[], value: unknown): string {
  if (path.length === 0) throw new Error('setIn needs a path');
  const root = parseJsonc(text);
  if (!root) return JSON.stringify(nest(path, value), null, 2) + '\n';
  if (root.kind !== 'object') throw new JsoncError('the top level is not an object');
  let obj = root;
  for (let i = 0; i < path.length; i++) {
    const prop = obj.props.findLast((p) => p.key === path[i]);
    const rest = path.slice(i + 1);
    if (!prop) return insertProp(text, obj, path[i]!, nest(rest, value));
    if (rest.length === 0) {
      return JSON.stringify(toValue(prop.value)) === JSON.stringify(value)
        ? text
        : replaceNode(text, prop.value, value);
    }
    if (prop.value.kind !== 'object') return replaceNode(text, prop.value, nest(rest, value));
    obj = prop.value;
  }
  return text;
}

/**
 * Removes the property at `path` (and its comma), leaving comments and formatting around it; the
 * text is returned unchanged when there is no such property.
 */
export function removeIn(text: string, path: readonly string[]): string {
  const root = parseJsonc(text);
  if (!root || root.kind !== 'object' || path.length === 0) return text;
  let obj: JNode & { kind: 'object' } = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next: JNode | undefined = obj.props.findLast((p) => p.key === path[i])?.value;
    if (!next || next.kind !== 'object') return text;
    obj = next;
  }
  const idx = obj.props.findLastIndex((p) => p.key === path[path.length - 1]);
  if (idx < 0) return text;
  const prop = obj.props[idx]!;
  const lineStart = text.lastIndexOf('\n', prop.keyStart - 1) + 1;
  const ownLine = text.slice(lineStart, prop.keyStart).trim() === '';
  if (prop.comma !== undefined) {
    // `"k": v,` — up to the end of its line when it has the line to itself.
    let end = prop.comma + 1;
    if (ownLine) {
      end = endOfLineAfter(text, end);
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      return text.slice(0, lineStart) + text.slice(end);
    }
    while (text[end] === ' ' || text[end] === '\t') end++;
    return text.slice(0, prop.keyStart) + text.slice(end);
  }
  // The last property: the comma before it goes too.
  const prev = obj.props[idx - 1];
  if (prev?.comma !== undefined) {
    // Drop `,` … `"k": v`, keeping the previous value's line as it was.
    const between = ownLine ? text.slice(prev.comma + 1, lineStart).replace(/\r?\n$/, '') : '';
    return text.slice(0, prev.comma) + between + text.slice(prop.value.end);
  }
  if (ownLine) {
    let end = endOfLineAfter(text, prop.value.end);
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return text.slice(0, lineStart) + text.slice(end);
  }
  return text.slice(0, prop.keyStart) + text.slice(prop.value.end);
}
