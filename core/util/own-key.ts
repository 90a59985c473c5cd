/**
 * Sets `key` as an own data property. A plain `obj[key] = value` with the key `__proto__`
 * (legal in JSON, YAML and .env files) would instead replace the object's prototype, so every
 * copy made from untrusted text goes through here.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
