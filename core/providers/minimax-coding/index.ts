import type { ProviderDefinition } from '../types.js';
import { provider as minimax } from '../minimax/index.js';

/** MiniMax's Token Plan (its coding plan) on MiniMax's Anthropic-compatible endpoint, which Claude Code reaches unchanged; pay-per-token keys belong to the minimax provider. */
export const provider: ProviderDefinition = {
  id: 'minimax-coding',
  name: 'MiniMax Token Plan',
  formats: ['anthropic'],
  baseUrl: 'https://api.minimax.io/anthropic/v1',
  auth: 'bearer',
  tier: 'subscription',
  // The plan serves the pay-per-token API's models (same ids and windows), at no per-token price.
  models: minimax.models,
  modelInfo: minimax.modelInfo,
  docsUrl: 'https://platform.minimax.io/docs/token-plan/intro',
};
