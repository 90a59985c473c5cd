import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** MiniMax's Token Plan (its coding plan) on MiniMax's Anthropic-compatible endpoint, which Claude Code reaches unchanged; pay-per-token keys belong to the minimax provider. */
export const provider: ProviderDefinition = {
  id: 'minimax-coding',
  name: 'MiniMax Token Plan',
  formats: ['anthropic'],
  baseUrl: 'https://api.minimax.io/anthropic/v1',
  auth: 'bearer',
  tier: 'subscription',
  // $0 per token: the plan's fee is flat.
  ...modelTable(models, 'minimax-coding'),
  docsUrl: 'https://platform.minimax.io/docs/token-plan/intro',
};
