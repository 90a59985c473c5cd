// The subscription routes people look for, and what OmniRoute does about each: the ones built
// (a login provider), and the ones not built with the reason and the route that works instead
// (SUBSCRIPTIONS.md). Shown in the catalog so a search for "Claude login" finds the answer.
import type { LoginKindId } from './login/types.js';

export interface PlanRoute {
  id: string;
  name: string;
  status: 'built' | 'not-built' | 'planned';
  /** For a built route: the login kind a provider declares. */
  login?: LoginKindId;
  /** One line: what it does, or why it is not offered. */
  reason: string;
  /** What works instead (or how to set the built one up). */
  instead: string;
}

export const PLAN_ROUTES: readonly PlanRoute[] = [
  {
    id: 'claude-code-login',
    name: 'Claude Pro/Max/Team through Claude Code',
    status: 'built',
    login: 'anthropic',
    reason:
      "Claude Code keeps its own login; OmniRoute forwards its requests unchanged to Anthropic and reads the plan's 5 h and weekly windows.",
    instead:
      'Add a provider with "login: anthropic", put it first in a combo, point Claude Code at the gateway (docs/subscriptions.md).',
  },
  {
    id: 'codex-chatgpt-login',
    name: 'ChatGPT Plus/Pro through Codex CLI',
    status: 'built',
    login: 'chatgpt',
    reason:
      "Codex keeps its ChatGPT login; OmniRoute forwards its requests to the Codex backend Codex itself uses and reads the plan's windows.",
    instead:
      'Add a provider with "login: chatgpt", point Codex at the gateway with requires_openai_auth (docs/subscriptions.md).',
  },
  {
    id: 'gemini-cli-google-login',
    name: 'Google (Gemini Code Assist) through Gemini CLI',
    status: 'built',
    login: 'code-assist',
    reason:
      'Gemini CLI keeps its Google login; OmniRoute forwards its Code Assist calls unchanged and reads the per-model daily quotas.',
    instead:
      'Add a provider with "login: code-assist" and set CODE_ASSIST_ENDPOINT for Gemini CLI (docs/subscriptions.md).',
  },
  {
    id: 'sign-in-with-chatgpt',
    name: 'ChatGPT plan for every tool (Sign in with ChatGPT)',
    status: 'built',
    reason:
      "OpenAI documents this route for open-source local apps: the chatgpt-plan provider, whose accounts sign in; any tool's requests reach the public Responses API on your plan, within the weekly share you set for the app in ChatGPT.",
    instead:
      'Sign in from the dashboard (Providers → ChatGPT plan) or with the command omniroute login chatgpt.',
  },
  {
    id: 'claude-login-for-other-tools',
    name: 'Claude.ai login inside OmniRoute, or Claude plan tokens for other tools',
    status: 'not-built',
    reason:
      "Anthropic's terms allow plan credentials only in Claude Code and Anthropic's own apps, and forbid third-party apps to offer Claude.ai login.",
    instead:
      'Claude Code keeps its own login (login: anthropic) and falls back to your other providers; other tools use an Anthropic API key.',
  },
  {
    id: 'gemini-cli-login-for-other-tools',
    name: "Gemini CLI's, Antigravity's or Kiro's login for other tools",
    status: 'not-built',
    reason: 'Their vendors forbid reusing these logins elsewhere and ban accounts for it.',
    instead:
      'A Gemini API key (free tier included) for every tool, or login: code-assist for the Gemini CLI itself.',
  },
  {
    id: 'github-copilot-internal',
    name: "GitHub Copilot's internal API",
    status: 'not-built',
    reason: 'It is reached only by posing as VS Code: unsupported by GitHub, with abuse detection.',
    instead: "GitHub Models, GitHub's official API (a GitHub token with models:read).",
  },
  {
    id: 'qwen-code-oauth',
    name: 'Qwen Code free OAuth tier',
    status: 'not-built',
    reason: 'The free OAuth tier ended on 2026-04-15.',
    instead: "Qwen's API-key product (the qwen provider).",
  },
  {
    id: 'iflow',
    name: 'iFlow free tier',
    status: 'not-built',
    reason: 'iFlow is paid since 2026.',
    instead: 'Its API-key product as a provider of your own (OpenAI-compatible).',
  },
];
