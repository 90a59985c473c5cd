import { cohereV2Base } from '../embeddings/cohere.js';
import {
  badAnswer,
  count,
  invalid,
  isRecord,
  optionalPositiveInt,
  requireModel,
  type DecodedEndpointRequest,
  type EndpointCodec,
  type EndpointUsage,
} from '../endpoints/types.js';

// POST /v1/rerank in the shape rerank clients send (Cohere's, which Jina shares): query,
// documents (strings or {text}), top_n, return_documents; answer results[{index,
// relevance_score, document?}]. Upstreams: Jina and other servers of that shape (passed through),
// Cohere's v2 API (no documents in its answer: they are added back from the request) and Voyage's
// (top_k, an answer under `data`).

export interface RerankRequest extends DecodedEndpointRequest {
  query: string;
  documents: string[];
  topN?: number;
  returnDocuments: boolean;
}

export interface RerankResult {
  results: Array<{ index: number; relevance_score: number }>;
  usage: EndpointUsage;
}

const MAX_DOCUMENTS = 10_000;

function decodeRequest(body: Record<string, unknown>): RerankRequest {
  const model = requireModel(body);
  if (typeof body.query !== 'string' || !body.query)
    throw invalid('query: a non-empty string is required.', 'query');
  const docs = body.documents;
  if (!Array.isArray(docs) || docs.length === 0)
    throw invalid('documents: a non-empty list of strings (or {text} objects) is required.', 'documents');
  if (docs.length > MAX_DOCUMENTS) throw invalid(`documents: at most ${MAX_DOCUMENTS}.`, 'documents');
  const documents = docs.map((d, i) => {
    if (typeof d === 'string') return d;
    if (isRecord(d) && typeof d.text === 'string') return d.text;
    throw invalid(`documents[${i}]: a string or an object with a text field.`, 'documents');
  });
  const topN = optionalPositiveInt(body, 'top_n');
  const rd = body.return_documents;
  if (rd !== undefined && rd !== null && typeof rd !== 'boolean')
    throw invalid('return_documents: true or false.', 'return_documents');
  return {
    model,
    stream: false,
    query: body.query,
    documents,
    returnDocuments: rd === true,
    ...(topN ? { topN } : {}),
  };
}

function resultsOf(list: unknown, req: RerankRequest): RerankResult['results'] {
  if (!Array.isArray(list)) throw badAnswer('a rerank answer');
  return list.map((r) => {
    if (
      !isRecord(r) ||
      typeof r.index !== 'number' ||
      !Number.isInteger(r.index) ||
      r.index < 0 ||
      r.index >= req.documents.length ||
      typeof r.relevance_score !== 'number' ||
      !Number.isFinite(r.relevance_score)
    )
      throw badAnswer('a rerank answer (each result an index into the documents and a score)');
    return { index: r.index, relevance_score: r.relevance_score };
  });
}

export const rerankCodec: EndpointCodec<RerankRequest, RerankResult> = {
  kind: 'rerank',
  decodeRequest: (shape, body) => {
    if (shape !== 'openai') throw invalid('Rerank has no Gemini method; use POST /v1/rerank.');
    return decodeRequest(body);
  },
  serves: (d) => d === 'openai' || d === 'cohere-v2' || d === 'voyage',
  upstream(dialect, req, { model, base }) {
    if (dialect === 'cohere-v2')
      return {
        url: `${cohereV2Base(base)}/rerank`,
        body: { model, query: req.query, documents: req.documents, ...(req.topN ? { top_n: req.topN } : {}) },
      };
    if (dialect === 'voyage')
      return {
        url: `${base}/rerank`,
        body: { model, query: req.query, documents: req.documents, ...(req.topN ? { top_k: req.topN } : {}) },
      };
    return { url: `${base}/rerank` };
  },
  decodeResponse(dialect, json, req) {
    if (!isRecord(json)) throw badAnswer('a rerank answer');
    if (dialect === 'cohere-v2') {
      const meta = isRecord(json.meta) ? json.meta : {};
      const billed = isRecord(meta.billed_units) ? meta.billed_units : {};
      const searches = count(billed.search_units);
      const usage = { searches: searches ?? 1 };
      return { result: { results: resultsOf(json.results, req), usage }, usage };
    }
    const u = isRecord(json.usage) ? json.usage : {};
    const tokens = count(u.total_tokens);
    const usage = tokens === undefined ? {} : { inputTokens: tokens };
    return { result: { results: resultsOf(json.data ?? json.results, req), usage }, usage };
  },
  encodeResponse: (_shape, result, req, model) => ({
    model,
    results: result.results.map((r) =>
      req.returnDocuments ? { ...r, document: { text: req.documents[r.index] } } : r,
    ),
    ...(result.usage.inputTokens !== undefined ? { usage: { total_tokens: result.usage.inputTokens } } : {}),
    ...(result.usage.searches !== undefined
      ? { meta: { billed_units: { search_units: result.usage.searches } } }
      : {}),
  }),
  usageOfPassthrough(bytes) {
    // Rerank answers are small (an index and a score per document): parsed for their usage.
    try {
      const j = JSON.parse(bytes.toString('utf8')) as { usage?: { total_tokens?: unknown } };
      const tokens = count(j?.usage?.total_tokens);
      return tokens === undefined ? {} : { inputTokens: tokens };
    } catch {
      return {};
    }
  },
};
