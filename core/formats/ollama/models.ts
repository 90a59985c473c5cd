// Ollama's model discovery, as its clients probe it before chatting: `GET /api/tags` (the list),
// `POST /api/show` (one model's details and capabilities) and `GET /api/version`. Shapes:
// docs/api.md of ollama/ollama ("List Local Models", "Show Model Information", "Version").

/**
 * The Ollama version the gateway answers as: that of the API these shapes follow (ollama/ollama
 * at fb30760, tagged v0.33.0-rc2). Clients gate features on it (tools, thinking), so it must not
 * read as an old server.
 */
export const OLLAMA_API_VERSION = '0.33.0';

/** What `/api/tags` and `/api/show` say of a model's files: nothing is local, so all is blank. */
const DETAILS = {
  parent_model: '',
  format: '',
  family: '',
  families: [] as string[],
  parameter_size: '',
  quantization_level: '',
};

/** One `/api/tags` entry for a name the gateway serves. */
export function ollamaTag(id: string, modifiedAt: string): Record<string, unknown> {
  return { name: id, model: id, modified_at: modifiedAt, size: 0, digest: '', details: { ...DETAILS } };
}

/** What the gateway knows of a model: the registry's kind and its context window. */
export interface KnownModel {
  kind: string;
  contextWindow?: number;
}

/**
 * `/api/show` for a name the gateway serves. `capabilities` is what clients read to offer a
 * model for chat or agents: every chat model goes through a format that carries tools.
 */
export function ollamaShow(id: string, known: KnownModel, modifiedAt: string): Record<string, unknown> {
  const capabilities = known.kind === 'embedding' ? ['embedding'] : ['completion', 'tools'];
  const modelInfo: Record<string, unknown> = { 'general.architecture': 'omniroute', 'general.basename': id };
  // The window sits under `<architecture>.context_length`, as Ollama's own answer has it.
  if (known.contextWindow) modelInfo['omniroute.context_length'] = known.contextWindow;
  return {
    modelfile: '',
    parameters: '',
    template: '',
    details: { ...DETAILS },
    model_info: modelInfo,
    capabilities,
    modified_at: modifiedAt,
  };
}
