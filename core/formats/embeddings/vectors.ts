import { badAnswer } from '../endpoints/types.js';

/** OpenAI's `encoding_format: base64`: the vector's float32 values, little-endian, in base64. */
export function floatsToBase64(v: readonly number[]): string {
  const buf = Buffer.allocUnsafe(v.length * 4);
  for (let i = 0; i < v.length; i++) buf.writeFloatLE(v[i]!, i * 4);
  return buf.toString('base64');
}

export function base64ToFloats(s: string): number[] {
  const buf = Buffer.from(s, 'base64');
  if (buf.length % 4 !== 0) throw badAnswer('a base64 float32 vector');
  const out = new Array<number>(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

/** An upstream's vector, checked: an array of finite numbers (or OpenAI-style base64). */
export function vectorOf(v: unknown): number[] {
  if (typeof v === 'string') return base64ToFloats(v);
  if (!Array.isArray(v)) throw badAnswer('a list of embedding vectors');
  for (const x of v) if (typeof x !== 'number' || !Number.isFinite(x)) throw badAnswer('a vector of numbers');
  return v as number[];
}
