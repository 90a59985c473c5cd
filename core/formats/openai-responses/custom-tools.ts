// Codex declares apply_patch as a `custom` (freeform) tool: the model writes raw text, not JSON.
// Other formats only know JSON-argument functions, so a custom tool becomes a function taking
// `{input: string}`; its calls travel canonically as `{"input": "..."}`. Going back to a caller
// that declared the tool as custom, the call is unwrapped into a `custom_tool_call` item (the
// inbound route passes the names via EncodeContext.customTools, see `customToolNames`).

export const CUSTOM_INPUT_KEY = 'input';

export function customToolParameters(format: unknown): Record<string, unknown> {
  let description = 'The raw freeform input for this tool.';
  if (format && typeof format === 'object') {
    const f = format as { type?: unknown; syntax?: unknown; definition?: unknown };
    // The grammar cannot be enforced elsewhere; stating it is the next best thing.
    if (f.type === 'grammar' && typeof f.definition === 'string') {
      description += ` It must follow this ${typeof f.syntax === 'string' ? f.syntax : ''} grammar:\n${f.definition}`;
    }
  }
  return {
    type: 'object',
    properties: { [CUSTOM_INPUT_KEY]: { type: 'string', description } },
    required: [CUSTOM_INPUT_KEY],
    additionalProperties: false,
  };
}

export function argumentsFromCustomInput(input: string): string {
  return JSON.stringify({ [CUSTOM_INPUT_KEY]: input });
}

/** Tolerates a model that answered with a bare string or with other JSON: never loses text. */
export function customInputFromArguments(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const value = (parsed as Record<string, unknown>)[CUSTOM_INPUT_KEY];
      if (typeof value === 'string') return value;
    }
  } catch {}
  return args;
}

/** Names of the `custom` tools a Responses request body declares (for EncodeContext.customTools). */
export function customToolNames(body: unknown): string[] {
  const tools = (body as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is { type: 'custom'; name: string } => t?.type === 'custom' && typeof t?.name === 'string')
    .map((t) => t.name);
}
