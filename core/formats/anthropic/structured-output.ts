// Structured output on Anthropic is done by tool forcing: a synthetic tool whose input_schema is
// the caller's schema, with tool_choice naming it. It works on every Claude model and on
// Anthropic-compatible servers, unlike `output_config.format`, which only newer models accept.
// The decoders recognise the tool by this reserved name and turn its input back into text, so
// an OpenAI caller sees `message.content` holding the JSON, as it asked.

export const STRUCTURED_OUTPUT_TOOL = 'omniroute_structured_output';
