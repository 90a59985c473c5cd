// `.env` files as Codex (dotenvy) and Gemini CLI (dotenv) read them: KEY=value lines, optional
// `export `, quotes, # comments. Setting a variable rewrites only its own lines.

import { setOwn } from '../../util/own-key.js';

interface EnvLine {
  start: number;
  /** Just past the entry, before its newline. */
  end: number;
  indent: string;
  exported: boolean;
  key: string;
  value: string;
}

const LINE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*/;

function scan(text: string): EnvLine[] {
  const out: EnvLine[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const m = LINE.exec(line);
    if (m) {
      const rest = text.slice(pos + m[0].length, end).replace(/\r$/, '');
      const q = rest[0];
      let value: string;
      if (q === '"' || q === "'" || q === '`') {
        // A quoted value may run over several lines.
        let close = text.indexOf(q, pos + m[0].length + 1);
        while (q === '"' && close > 0 && text[close - 1] === '\\') close = text.indexOf(q, close + 1);
        if (close < 0) close = end;
        const raw = text.slice(pos + m[0].length + 1, close);
        value = q === '"' ? raw.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : raw;
        const nl2 = text.indexOf('\n', close);
        end = nl2 < 0 ? text.length : nl2;
      } else {
        value = rest.replace(/[ \t]+#.*$/, '').trim();
      }
      const entryEnd = text[end - 1] === '\r' ? end - 1 : end;
      out.push({ start: pos, end: entryEnd, indent: m[1]!, exported: !!m[2], key: m[3]!, value });
    }
    pos = end + 1;
  }
  return out;
}

/** Every variable in the file (a later line wins, as both loaders do). */
export function readDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of scan(text)) setOwn(out, l.key, l.value);
  return out;
}

function quote(value: string): string {
  if (/^[A-Za-z0-9_\-.:/@+,=]*$/.test(value)) return value;
  if (!value.includes("'") && !/[\r\n]/.test(value)) return `'${value}'`;
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** Sets variables: existing lines are rewritten in place (all of them, if a key repeats), new ones appended. */
export function setDotenv(text: string, vars: Record<string, string>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = scan(text);
  let out = text;
  for (const l of [...lines].reverse()) {
    if (!(l.key in vars) || l.value === vars[l.key]) continue;
    const entry = `${l.indent}${l.exported ? 'export ' : ''}${l.key}=${quote(vars[l.key]!)}`;
    out = out.slice(0, l.start) + entry + out.slice(l.end);
  }
  const present = new Set(lines.map((l) => l.key));
  const missing = Object.entries(vars).filter(([k]) => !present.has(k));
  if (missing.length === 0) return out;
  if (out && !out.endsWith('\n')) out += eol;
  return out + missing.map(([k, v]) => `${k}=${quote(v)}${eol}`).join('');
}

/** Removes every line that sets one of `keys`, with its newline. */
export function removeDotenv(text: string, keys: readonly string[]): string {
  let out = text;
  for (const l of scan(text).reverse()) {
    if (!keys.includes(l.key)) continue;
    let end = l.end;
    if (out[end] === '\r') end++;
    if (out[end] === '\n') end++;
    out = out.slice(0, l.start) + out.slice(end);
  }
  return out;
}
