import type { ProviderDefinition } from '../types.js';

/** MiniMax's Token Plan (its coding plan) on MiniMax's Anthropic-compatible endpoint, which Claude Code reaches unchanged; pay-per-token keys belong to the minimax provider. */
export const provider: ProviderDefinition = {
  id: 'minimax-coding',
  name: 'MiniMax Token Plan',
  formats: ['anthropic'],
  baseUrl: 'https://api.minimax.io/anthropic/v1',
  auth: 'bearer',
  tier: 'subscription',
  models: ['MiniMax-M3', 'MiniMax-M2.7', 'MiniMax-M2.7-highspeed'],
  modelInfo: {
    'MiniMax-M3': { contextWindow: 1_000_000 },
    'MiniMax-M2.7': { contextWindow: 204_800 },
    'MiniMax-M2.7-highspeed': { contextWindow: 204_800 },
  },
  docsUrl: 'https://platform.minimax.io/docs/token-plan/intro',
};
