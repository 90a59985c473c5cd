import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestCore, tempDir, type TestCore } from './core.js';

/**
 * A fake provider for the non-chat endpoints, speaking each vendor's documented shapes on
 * 127.0.0.1: OpenAI's (/v1/embeddings, /v1/moderations, /v1/completions, Jina's /v1/rerank),
 * Cohere's v2 API (/v2/embed, /v2/rerank), Voyage's (/v1/embeddings, /v1/rerank with top_k and
 * `data`), and Gemini's (/v1beta/models/<m>:embedContent / :batchEmbedContents). Vectors are
 * derived from the text ([length, first char code, index-free checksum]) so a test can tell the
 * translation kept each input in its place. Faults are queued per request.
 */
export interface EndpointRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  json?: any;
}

export type Fault = { status: number; body: unknown; headers?: Record<string, string> };

export interface EndpointUpstream {
  url: string;
  requests: EndpointRequest[];
  /** The next requests fail with these, in order. */
  fail(...f: Fault[]): void;
  close(): Promise<void>;
}

export function vectorFor(text: string): number[] {
  let sum = 0;
  for (const ch of text) sum = (sum * 31 + ch.codePointAt(0)!) % 1000;
  return [text.length, text.codePointAt(0) ?? 0, sum];
}

export async function startEndpointUpstream(): Promise<EndpointUpstream> {
  const requests: EndpointRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const rec: EndpointRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
    };
    try {
      rec.json = JSON.parse(body.toString('utf8'));
    } catch {}
    requests.push(rec);
    const fault = faults.shift();
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    if (fault) return send(fault.status, fault.body, fault.headers);
    const j = rec.json ?? {};
    const path = rec.path.split('?')[0]!;
    if (path.endsWith('/v2/embed')) {
      // https://docs.cohere.com/reference/embed
      return send(200, {
        id: 'emb-1',
        embeddings: { float: (j.texts as string[]).map(vectorFor) },
        texts: j.texts,
        meta: {
          api_version: { version: '2' },
          billed_units: { input_tokens: (j.texts as string[]).length * 3 },
        },
        response_type: 'embeddings_by_type',
      });
    }
    if (path.endsWith('/v2/rerank')) {
      // https://docs.cohere.com/reference/rerank
      const docs = j.documents as string[];
      const results = docs
        .map((d, index) => ({ index, relevance_score: score(j.query, d) }))
        .sort((a, b) => b.relevance_score - a.relevance_score)
        .slice(0, j.top_n ?? docs.length);
      return send(200, { id: 'rr-1', results, meta: { billed_units: { search_units: 1 } } });
    }
    if (path.includes(':batchEmbedContents')) {
      return send(200, {
        embeddings: (j.requests as Array<{ content: { parts: Array<{ text: string }> } }>).map((r) => ({
          values: vectorFor(r.content.parts.map((p) => p.text).join('')),
        })),
      });
    }
    if (path.includes(':embedContent')) {
      return send(200, {
        embedding: { values: vectorFor(j.content.parts.map((p: any) => p.text).join('')) },
      });
    }
    if (path.endsWith('/images/edits')) {
      // https://platform.openai.com/docs/api-reference/images/createEdit (multipart in, JSON out)
      const text = body.toString('latin1');
      const prompt = /name="prompt"\r\n\r\n([^\r]*)\r\n/.exec(text)?.[1];
      const image = /filename="([^"]*)"/.exec(text)?.[1];
      return send(200, {
        created: 1,
        data: [{ b64_json: Buffer.from(`edited ${image}: ${prompt}`).toString('base64') }],
      });
    }
    if (path.endsWith('/images/generations')) {
      // https://platform.openai.com/docs/api-reference/images/object
      const n = j.n ?? 1;
      return send(200, {
        created: 1,
        data: Array.from({ length: n }, (_, i) =>
          j.response_format === 'b64_json'
            ? { b64_json: Buffer.from(`png-${i}-${j.prompt}`).toString('base64') }
            : { url: `https://img.example/${i}.png`, revised_prompt: `a "url": ${j.prompt}` },
        ),
      });
    }
    if (path.includes(':predict')) {
      // https://ai.google.dev/gemini-api/docs/imagen (REST)
      return send(200, {
        predictions: Array.from({ length: j.parameters?.sampleCount ?? 1 }, (_, i) => ({
          mimeType: 'image/png',
          bytesBase64Encoded: Buffer.from(`imagen-${i}-${j.instances[0].prompt}`).toString('base64'),
        })),
      });
    }
    if (path.endsWith('/audio/speech') || path.includes('/speak')) {
      // Audio bytes, sent in pieces with pauses: the gateway must pass each on as it comes.
      res.writeHead(200, { 'content-type': path.includes('/speak') ? 'audio/mpeg' : 'audio/wav' });
      const text: string = j.input ?? j.text;
      for (let i = 0; i < 3; i++) {
        res.write(Buffer.from(`AUDIO${i}:${text};`));
        await new Promise((r) => setTimeout(r, 30));
      }
      res.end();
      return;
    }
    if (path.endsWith('/audio/transcriptions') || path.endsWith('/audio/translations')) {
      // https://platform.openai.com/docs/api-reference/audio/createTranscription
      const text = body.toString('latin1');
      const field = (k: string) => new RegExp(`name="${k}"\r\n\r\n([^\r]*)\r\n`).exec(text)?.[1];
      const format = field('response_format') ?? 'json';
      if (format === 'text') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`heard ${field('model')}\n`);
        return;
      }
      return send(200, { text: `heard ${field('model')}`, usage: { type: 'duration', seconds: 2 } });
    }
    if (path.includes('/listen')) {
      // https://developers.deepgram.com/reference/speech-to-text/listen-pre-recorded
      return send(200, {
        metadata: { request_id: 'dg-1', duration: 2.0, channels: 1 },
        results: {
          channels: [
            {
              alternatives: [
                {
                  transcript: 'hello from deepgram',
                  confidence: 0.99,
                  words: [
                    { word: 'hello', start: 0.1, end: 0.5, confidence: 0.99, punctuated_word: 'Hello' },
                    { word: 'from', start: 0.6, end: 0.9, confidence: 0.99, punctuated_word: 'from' },
                    {
                      word: 'deepgram',
                      start: 1.0,
                      end: 1.8,
                      confidence: 0.99,
                      punctuated_word: 'Deepgram.',
                    },
                  ],
                },
              ],
            },
          ],
        },
      });
    }
    if (path.endsWith('/moderations')) {
      // https://platform.openai.com/docs/api-reference/moderations/object
      const inputs: string[] = typeof j.input === 'string' ? [j.input] : j.input;
      return send(200, {
        id: 'modr-1',
        model: j.model,
        results: inputs.map((x) => ({
          flagged: /kill/.test(x),
          categories: { violence: /kill/.test(x), harassment: false },
          category_scores: { violence: /kill/.test(x) ? 0.9 : 0.01, harassment: 0.001 },
        })),
      });
    }
    if (path.endsWith('/completions') && !path.endsWith('/chat/completions')) {
      // https://platform.openai.com/docs/api-reference/completions/object
      const text = ` echo: ${String(j.prompt)}`;
      const usage = { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 };
      if (!j.stream)
        return send(200, {
          id: 'cmpl-1',
          object: 'text_completion',
          created: 1,
          model: j.model,
          choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
          usage,
        });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (c: unknown) => res.write(`data: ${JSON.stringify(c)}\n\n`);
      for (const piece of text.match(/.{1,5}/g)!)
        chunk({
          id: 'cmpl-1',
          object: 'text_completion',
          created: 1,
          model: j.model,
          choices: [{ text: piece, index: 0, logprobs: null, finish_reason: null }],
        });
      if (j.stream_options?.include_usage)
        chunk({ id: 'cmpl-1', object: 'text_completion', created: 1, model: j.model, choices: [], usage });
      res.end('data: [DONE]\n\n');
      return;
    }
    if (path.endsWith('/embeddings')) {
      const inputs: Array<string | number[]> = typeof j.input === 'string' ? [j.input] : j.input;
      const data = inputs.map((x, index) => {
        const v = vectorFor(typeof x === 'string' ? x : x.join(','));
        return {
          object: 'embedding',
          index,
          embedding:
            j.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
        };
      });
      return send(200, {
        object: 'list',
        data,
        model: j.model,
        usage: { prompt_tokens: inputs.length * 5, total_tokens: inputs.length * 5 },
      });
    }
    if (path.endsWith('/rerank')) {
      const docs = (j.documents as Array<string | { text: string }>).map((d) =>
        typeof d === 'string' ? d : d.text,
      );
      const ranked = docs
        .map((d, index) => ({ index, relevance_score: score(j.query, d), document: { text: d } }))
        .sort((a, b) => b.relevance_score - a.relevance_score);
      if (j.top_k !== undefined || rec.path.includes('voyage')) {
        // https://docs.voyageai.com/reference/reranker-api
        return send(200, {
          object: 'list',
          data: ranked
            .slice(0, j.top_k ?? docs.length)
            .map((r) => (j.return_documents ? r : { index: r.index, relevance_score: r.relevance_score })),
          model: j.model,
          usage: { total_tokens: 42 },
        });
      }
      // Jina: https://jina.ai/reranker/
      return send(200, {
        model: j.model,
        usage: { total_tokens: 42 },
        results: ranked
          .slice(0, j.top_n ?? docs.length)
          .map((r) =>
            j.return_documents === false ? { index: r.index, relevance_score: r.relevance_score } : r,
          ),
      });
    }
    send(404, { error: { message: `no fake for ${path}`, type: 'invalid_request_error' } });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    fail: (...f) => faults.push(...f),
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Shared words between query and document, a deterministic relevance. */
function score(query: string, doc: string): number {
  const q = new Set(query.toLowerCase().split(/\W+/).filter(Boolean));
  const words = doc.toLowerCase().split(/\W+/).filter(Boolean);
  const hits = words.filter((w) => q.has(w)).length;
  return Math.round((hits / Math.max(1, words.length)) * 1000) / 1000;
}

/**
 * The endpoint tests' set-up: one fake upstream and a core whose config file `config` writes
 * against the upstream's URL. The caller closes both after each test.
 */
export async function startEndpointCore(
  config: (upstreamUrl: string) => string,
): Promise<{ t: TestCore; up: EndpointUpstream }> {
  const up = await startEndpointUpstream();
  const dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(file, config(up.url));
  return { t: await startTestCore({ dataDir: dir, configFile: file }), up };
}
