/**
 * `value` as an HTTP header value: printable ASCII stays as it is, anything else (a model name in
 * another script, a control character) is %-encoded as UTF-8, the way a URL would carry it. Node
 * throws on a header with characters outside Latin-1 or with controls; this never does (a lone
 * surrogate becomes U+FFFD). `%` itself is encoded only when something else was, so plain names
 * are unchanged and an encoded one still decodes exactly.
 */
export function headerSafe(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c <= 0x7e && ch !== '%') out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
