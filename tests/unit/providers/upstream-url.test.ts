import { describe, expect, it } from 'vitest';
import { upstreamUrl } from '../../../core/gateway/upstream.js';
import { GatewayError } from '../../../core/formats/canonical.js';
import { builtinProvider } from '../../../core/providers/registry.js';
import { resolveProvider } from '../../../core/runtime/providers.js';

// The real hosts (which an integration test on 127.0.0.1 cannot show): each account's fields in
// the URL the provider documents.
const url = (id: string, model: string, fields: Record<string, string>, stream = false) => {
  const p = resolveProvider(builtinProvider(id), undefined)!;
  return upstreamUrl(p, p.formats[0]!, model, stream, undefined, fields);
};

describe('built-in providers: the upstream URL from the account fields', () => {
  it('Azure OpenAI: the resource host, the deployment, api-version', () => {
    expect(url('azure', 'gpt-4.1', { resource: 'contoso' })).toBe(
      'https://contoso.openai.azure.com/openai/deployments/gpt-4.1/chat/completions?api-version=2024-10-21',
    );
  });

  it("Cloudflare: the account id in the path of Cloudflare's API", () => {
    expect(url('cloudflare', '@cf/openai/gpt-oss-120b', { accountId: '0123abcd' })).toBe(
      'https://api.cloudflare.com/client/v4/accounts/0123abcd/ai/v1/chat/completions',
    );
  });

  it('Bedrock: the region in the bedrock-runtime host, us-west-2 by default', () => {
    expect(url('bedrock', 'openai.gpt-oss-120b-1:0', { region: 'eu-west-1' })).toBe(
      'https://bedrock-runtime.eu-west-1.amazonaws.com/openai/v1/chat/completions',
    );
    expect(url('bedrock', 'openai.gpt-oss-120b-1:0', {})).toBe(
      'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/chat/completions',
    );
  });

  it('Vertex AI: the regional host, or the global one without a region prefix', () => {
    expect(url('vertex', 'gemini-2.5-pro', { project: 'p1', location: 'europe-west4' }, true)).toBe(
      'https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    );
    expect(url('vertex', 'gemini-2.5-pro', { project: 'p1' })).toBe(
      'https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-pro:generateContent',
    );
  });

  it('an account without a required field fails as an account problem, naming the fields', () => {
    let err: unknown;
    try {
      url('cloudflare', 'm', {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBe(401);
    expect((err as GatewayError).message).toContain('accountId');
  });

  it('providers without fields keep the plain URL', () => {
    expect(url('deepseek', 'deepseek-chat', {})).toBe('https://api.deepseek.com/v1/chat/completions');
  });
});
