// Just enough TOML to set a few keys and one table in Codex's config.toml while keeping every
// other byte — the user's comments, ordering, other tables and formatting. It scans the file
// into statements (with their offsets) instead of building a document, and refuses files it
// cannot scan rather than guessing.

export class TomlError extends Error {}

export interface TomlStatement {
  kind: 'table' | 'array-table' | 'kv';
  /** Offset of the first character of the statement's first line. */
  lineStart: number;
  /** Offset just past the statement's last line, including its newline. */
  lineEnd: number;
  /** Header path for tables; the key path (relative to `table`) for key/values. */
  path: string[];
  /** The table a key/value belongs to ([] = the root). */
  table: string[];
  valueStart?: number;
  valueEnd?: number;
  /** Decoded value when it is a plain string. */
  value?: string;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Scanner {
  pos = 0;
  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(what: string): never {
    const line = this.s.slice(0, this.pos).split('\n').length;
    throw new TomlError(`${what} at line ${line}`);
  }

  spaces(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  /** Spaces, newlines and comments (inside arrays and inline tables). */
  blanks(): void {
    for (;;) {
      const c = this.s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.comment();
      else return;
    }
  }

  comment(): void {
    const nl = this.s.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.s.length : nl;
  }

  /** After a statement: optional spaces and comment, then a newline or the end. */
  endOfLine(): number {
    this.spaces();
    if (this.s[this.pos] === '#') this.comment();
    if (this.s[this.pos] === '\r') this.pos++;
    if (this.pos >= this.s.length) return this.pos;
    if (this.s[this.pos] !== '\n') this.fail('expected the end of the line');
    return ++this.pos;
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.spaces();
      const c = this.s[this.pos];
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const start = this.pos;
        while (this.pos < this.s.length && BARE_KEY.test(this.s[this.pos]!)) this.pos++;
        if (this.pos === start) this.fail('expected a key');
        parts.push(this.s.slice(start, this.pos));
      }
      this.spaces();
      if (this.s[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  basicString(): string {
    const s = this.s;
    this.pos++;
    let out = '';
    for (;;) {
      const c = s[this.pos++];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      out += this.escape();
    }
  }

  escape(): string {
    const e = this.s[this.pos++];
    const map: Record<string, string> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      e: '\x1b',
      '"': '"',
      '\\': '\\',
    };
    if (e !== undefined && e in map) return map[e]!;
    const len = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
    const hex = this.s.slice(this.pos, this.pos + len);
    if (!len || !new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) this.fail('bad escape');
    this.pos += len;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  literalString(): string {
    const close = this.s.indexOf("'", this.pos + 1);
    const nl = this.s.indexOf('\n', this.pos + 1);
    if (close < 0 || (nl >= 0 && nl < close)) this.fail('unterminated string');
    const out = this.s.slice(this.pos + 1, close);
    this.pos = close + 1;
    return out;
  }

  /** Skips the items between the opening bracket (at pos) and `close`, separated by commas. */
  list(close: string, item: () => void): undefined {
    this.pos++;
    for (;;) {
      this.blanks();
      if (this.s[this.pos] === close) {
        this.pos++;
        return undefined;
      }
      item();
      this.blanks();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  /** Scans a value; returns its decoded text when it is a one-line string. */
  value(): string | undefined {
    const s = this.s;
    if (s.startsWith('"""', this.pos) || s.startsWith("'''", this.pos)) {
      const q = s.slice(this.pos, this.pos + 3);
      let p = this.pos + 3;
      for (;;) {
        const close = s.indexOf(q, p);
        if (close < 0) this.fail('unterminated multi-line string');
        if (q === '"""') {
          let backslashes = 0;
          for (let i = close - 1; s[i] === '\\'; i--) backslashes++;
          if (backslashes % 2 === 1) {
            p = close + 1;
            continue;
          }
        }
        // Up to two quotes may end the content right before the closing delimiter.
        let end = close + 3;
        while (s[end] === q[0] && end - close < 5) end++;
        this.pos = end;
        return undefined;
      }
    }
    const c = s[this.pos];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.list(']', () => this.value());
    if (c === '{') {
      return this.list('}', () => {
        this.key();
        this.spaces();
        if (s[this.pos] !== '=') this.fail('expected "="');
        this.pos++;
        this.spaces();
        this.value();
      });
    }
    // Numbers, booleans, dates and times (a date and a time may be separated by one space).
    const start = this.pos;
    const stop = /[\s#,\]}]/;
    while (this.pos < s.length && !stop.test(s[this.pos]!)) this.pos++;
    if (
      s[this.pos] === ' ' &&
      /^\d{4}-\d{2}-\d{2}$/.test(s.slice(start, this.pos)) &&
      /\d/.test(s[this.pos + 1] ?? '')
    ) {
      this.pos++;
      while (this.pos < s.length && !stop.test(s[this.pos]!)) this.pos++;
    }
    if (this.pos === start) this.fail('expected a value');
    return undefined;
  }
}

export function scanToml(text: string): TomlStatement[] {
  const sc = new Scanner(text);
  const out: TomlStatement[] = [];
  let table: string[] = [];
  while (sc.pos < text.length) {
    const lineStart = sc.pos;
    sc.spaces();
    const c = text[sc.pos];
    if (c === '\n' || c === '\r' || c === '#' || c === undefined) {
      sc.endOfLine();
      continue;
    }
    if (c === '[') {
      const array = text[sc.pos + 1] === '[';
      sc.pos += array ? 2 : 1;
      const path = sc.key();
      if (!text.startsWith(array ? ']]' : ']', sc.pos)) sc.fail('expected "]"');
      sc.pos += array ? 2 : 1;
      const lineEnd = sc.endOfLine();
      table = path;
      out.push({ kind: array ? 'array-table' : 'table', lineStart, lineEnd, path, table: [] });
      continue;
    }
    const path = sc.key();
    if (text[sc.pos] !== '=') sc.fail('expected "="');
    sc.pos++;
    sc.spaces();
    const valueStart = sc.pos;
    const value = sc.value();
    const valueEnd = sc.pos;
    const lineEnd = sc.endOfLine();
    out.push({ kind: 'kv', lineStart, lineEnd, path, table, valueStart, valueEnd, value });
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (a: readonly string[], prefix: readonly string[]) => prefix.every((x, i) => a[i] === x);

/** A TOML basic string. */
export function tomlString(s: string): string {
  return (
    '"' +
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
    s.replace(/[\\"\u0000-\u001f\u007f]/g, (ch) =>
      ch === '\\' || ch === '"' ? '\\' + ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) +
    '"'
  );
}

const keyText = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k));

/** The string at a root key, or inside a [table], when it is a plain one-line string. */
export function readTomlString(text: string, table: readonly string[], key: string): string | undefined {
  for (const st of scanToml(text)) {
    if (st.kind !== 'kv') continue;
    const full = [...st.table, ...st.path];
    if (same(full, [...table, key])) return st.value;
  }
  return undefined;
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

function withTrailingEol(text: string, eol: string): string {
  return text === '' || text.endsWith('\n') ? text : text + eol;
}

/** Sets a root-level key (a TOML value literal), inserting it before the first table if new. */
export function setRootKey(text: string, key: string, literal: string): string {
  const eol = eolOf(text);
  const sts = scanToml(text);
  const rootKvs = sts.filter((s) => s.kind === 'kv' && s.table.length === 0);
  const found = rootKvs.findLast((s) => same(s.path, [key]));
  if (found) {
    if (text.slice(found.valueStart, found.valueEnd) === literal) return text;
    return text.slice(0, found.valueStart) + literal + text.slice(found.valueEnd);
  }
  const line = `${keyText(key)} = ${literal}${eol}`;
  const last = rootKvs[rootKvs.length - 1];
  if (last) {
    const at = last.lineEnd;
    const pre = withTrailingEol(text.slice(0, at), eol);
    return pre + line + text.slice(at);
  }
  const firstHeader = sts.find((s) => s.kind !== 'kv');
  if (!firstHeader) return withTrailingEol(text, eol) + line;
  // Keep a comment block that sits right above the first table attached to it.
  let at = firstHeader.lineStart;
  for (;;) {
    const prevEnd = at;
    const prevStart = text.lastIndexOf('\n', prevEnd - 2) + 1;
    if (prevEnd === 0 || !/^[ \t]*#/.test(text.slice(prevStart, prevEnd))) break;
    at = prevStart;
  }
  return text.slice(0, at) + line + eol + text.slice(at);
}

/**
 * Makes `[table]` hold `entries` (key → value literal): keys already there are updated in place,
 * missing ones are added at the end of the table, other keys and sub-tables are left alone. A
 * table defined another way (inline, or with dotted keys) is replaced by a [table] section.
 */
export function setTable(text: string, table: readonly string[], entries: Array<[string, string]>): string {
  const eol = eolOf(text);
  let sts = scanToml(text);
  const header = sts.find((s) => s.kind === 'table' && same(s.path, table));
  if (!header) {
    // Remove other definitions of this exact table (they would clash with a [table] header).
    const elsewhere = sts.filter(
      (s) => s.kind === 'kv' && startsWith([...s.table, ...s.path], table) && !startsWith(s.table, table),
    );
    for (const st of elsewhere.reverse()) text = text.slice(0, st.lineStart) + text.slice(st.lineEnd);
    const body = entries.map(([k, v]) => `${keyText(k)} = ${v}${eol}`).join('');
    const head = `[${table.map(keyText).join('.')}]${eol}`;
    const base = withTrailingEol(text, eol);
    const gap = base === '' || base.endsWith(eol + eol) ? '' : eol;
    return base + gap + head + body;
  }
  for (const [k, v] of entries) {
    sts = scanToml(text);
    const idx = sts.findIndex((s) => s.kind === 'table' && same(s.path, table));
    const section: TomlStatement[] = [];
    for (let i = idx + 1; i < sts.length && sts[i]!.kind === 'kv'; i++) section.push(sts[i]!);
    const found = section.findLast((s) => same(s.path, [k]));
    if (found) {
      if (text.slice(found.valueStart, found.valueEnd) !== v)
        text = text.slice(0, found.valueStart) + v + text.slice(found.valueEnd);
      continue;
    }
    const at = (section[section.length - 1] ?? sts[idx]!).lineEnd;
    text = withTrailingEol(text.slice(0, at), eol) + `${keyText(k)} = ${v}${eol}` + text.slice(at);
  }
  return text;
}

/** Removes `key` from `[table]` (or the root, for an empty table path); unchanged when absent. */
export function removeTableKey(text: string, table: readonly string[], key: string): string {
  const sts = scanToml(text);
  const found = sts.findLast((s) => s.kind === 'kv' && same(s.table, table) && same(s.path, [key]));
  return found ? text.slice(0, found.lineStart) + text.slice(found.lineEnd) : text;
}
