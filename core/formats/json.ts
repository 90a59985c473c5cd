// Reading JSON whose shape nobody promised: upstream bodies, error bodies, model-written arguments.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text the model produced; tool arguments are not guaranteed to be valid JSON. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A stream event's data when it is a JSON object (or array); keep-alives, `[DONE]` and broken
 * lines give undefined. `any` because each decoder reads the fields its protocol names.
 */
export function parseEventData(data: string): any {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A finite number, else undefined (a count an upstream may send as null, a string or NaN). */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A non-empty string, else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * An upstream error body as it arrived (a string when the transport did not parse it): JSON when
 * it is JSON, else its trimmed text; nothing when empty.
 */
export function parseErrorBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const text = body.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
