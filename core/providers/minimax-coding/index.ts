import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

/** MiniMax's Token Plan (its coding plan) on MiniMax's Anthropic-compatible endpoint, which Claude Code reaches unchanged; pay-per-token keys belong to the minimax provider. */
export const provider: ProviderDefinition = {
  id: 'minimax-coding',
  name: 'MiniMax Token Plan',
  formats: ['anthropic'],
  baseUrl: 'https://api.minimax.io/anthropic/v1',
  auth: 'bearer',
  tier: 'subscription',
  // $0 per token: the plan's fee is flat.
  ...modelTable(modelsDev('minimax-coding-plan'), [
    { id: 'MiniMax-M3', context: 1_000_000, input: 0, output: 0 },
    { id: 'MiniMax-M2.7', context: 204_800, input: 0, output: 0 },
    { id: 'MiniMax-M2.7-highspeed', context: 204_800, input: 0, output: 0 },
  ]),
  docsUrl: 'https://platform.minimax.io/docs/token-plan/intro',
};
