// Every built-in provider, one folder each. Adding a provider: a folder and one line here.
import type { ProviderDefinition } from './types.js';
import { provider as openai } from './openai/index.js';
import { provider as anthropic } from './anthropic/index.js';
import { provider as gemini } from './gemini/index.js';
import { provider as deepseek } from './deepseek/index.js';
import { provider as groq } from './groq/index.js';
import { provider as xai } from './xai/index.js';
import { provider as mistral } from './mistral/index.js';
import { provider as openrouter } from './openrouter/index.js';
import { provider as together } from './together/index.js';
import { provider as fireworks } from './fireworks/index.js';
import { provider as cerebras } from './cerebras/index.js';
import { provider as nvidia } from './nvidia/index.js';
import { provider as perplexity } from './perplexity/index.js';
import { provider as cohere } from './cohere/index.js';
import { provider as glm } from './glm/index.js';
import { provider as minimax } from './minimax/index.js';
import { provider as kimi } from './kimi/index.js';
import { provider as qwen } from './qwen/index.js';
import { provider as ollama } from './ollama/index.js';
import { provider as lmstudio } from './lmstudio/index.js';
import { provider as chatgptPlan } from './chatgpt-plan/index.js';
import { provider as azure } from './azure/index.js';
import { provider as cloudflare } from './cloudflare/index.js';
import { provider as githubModels } from './github-models/index.js';
import { provider as bedrock } from './bedrock/index.js';
import { provider as vertex } from './vertex/index.js';
import { provider as huggingface } from './huggingface/index.js';
import { provider as sambanova } from './sambanova/index.js';
import { provider as hyperbolic } from './hyperbolic/index.js';
import { provider as deepinfra } from './deepinfra/index.js';
import { provider as nebius } from './nebius/index.js';
import { provider as novita } from './novita/index.js';
import { provider as siliconflow } from './siliconflow/index.js';
import { provider as chutes } from './chutes/index.js';
import { provider as scaleway } from './scaleway/index.js';
import { provider as zai } from './zai/index.js';
import { provider as zaiCoding } from './zai-coding/index.js';
import { provider as kimiCoding } from './kimi-coding/index.js';
import { provider as minimaxCoding } from './minimax-coding/index.js';
import { provider as ollamaCloud } from './ollama-cloud/index.js';
import { provider as llamacpp } from './llamacpp/index.js';
import { provider as vllm } from './vllm/index.js';
import { provider as baseten } from './baseten/index.js';
import { provider as inception } from './inception/index.js';
import { provider as upstage } from './upstage/index.js';
import { provider as vercel } from './vercel/index.js';
import { provider as jina } from './jina/index.js';
import { provider as voyage } from './voyage/index.js';
import { provider as deepgram } from './deepgram/index.js';
import { provider as friendli } from './friendli/index.js';

export const BUILTIN_PROVIDERS: readonly ProviderDefinition[] = [
  openai,
  anthropic,
  gemini,
  deepseek,
  groq,
  xai,
  mistral,
  openrouter,
  together,
  fireworks,
  cerebras,
  nvidia,
  perplexity,
  cohere,
  glm,
  minimax,
  kimi,
  qwen,
  ollama,
  lmstudio,
  chatgptPlan,
  azure,
  cloudflare,
  githubModels,
  bedrock,
  vertex,
  huggingface,
  sambanova,
  hyperbolic,
  deepinfra,
  nebius,
  novita,
  siliconflow,
  chutes,
  scaleway,
  zai,
  zaiCoding,
  kimiCoding,
  minimaxCoding,
  ollamaCloud,
  llamacpp,
  vllm,
  baseten,
  inception,
  upstage,
  vercel,
  jina,
  voyage,
  deepgram,
  friendli,
];
