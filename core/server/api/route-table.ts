import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';

// Management routes are declared once, as data: the same declaration registers the handler,
// validates the body and produces the OpenAPI document, so the document cannot drift.

export interface ApiRoute<B extends z.ZodType = z.ZodType, P extends string = string> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path under /api, e.g. `/providers/:id`. */
  path: string;
  tag: string;
  summary: string;
  body?: B;
  /** JSON Schema of a successful response, for the document. */
  response?: z.ZodType;
  /** Status codes besides 200 this route answers, with why. */
  errors?: Record<number, string>;
  public?: boolean;
  handler: (c: Context<AppEnv, P>, body: z.infer<B>) => Response | Promise<Response>;
}

/** What a route says of itself besides its method, path and tag. */
export type RouteSpec<B extends z.ZodType, P extends string> = Omit<
  ApiRoute<B, P>,
  'method' | 'path' | 'tag'
>;

// The path's literal type reaches the handler's Context: on `/keys/:id`, c.req.param('id') is a
// string, with no `!` to be wrong about.
type Declare = <P extends string, B extends z.ZodType = z.ZodType>(
  path: P,
  spec: RouteSpec<B, P>,
) => ApiRoute;

/**
 * The routes of one OpenAPI tag, each declared the way Hono reads it: `r.post('/keys', {...})`.
 * The tag is stated once for the group, so a route cannot land under another one's heading.
 */
export function routeGroup(
  tag: string,
  declare: (r: Record<ApiRoute['method'], Declare>) => ApiRoute[],
): ApiRoute[] {
  const as =
    (method: ApiRoute['method']): Declare =>
    (path, spec) =>
      ({ method, path, tag, ...spec }) as unknown as ApiRoute;
  return declare({
    get: as('get'),
    post: as('post'),
    put: as('put'),
    patch: as('patch'),
    delete: as('delete'),
  });
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export function apiErrorResponse(c: Context, status: number, message: string, param?: string): Response {
  return c.json({ error: { message, ...(param ? { param } : {}) } }, status as 400);
}

export function mount(app: Hono<AppEnv>, routes: ApiRoute[]): void {
  for (const r of routes) {
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      let body: unknown = undefined;
      if (r.body) {
        let raw: unknown;
        try {
          const text = await c.req.text();
          raw = text ? JSON.parse(text) : {};
        } catch {
          return apiErrorResponse(c, 400, 'The request body is not valid JSON.');
        }
        const parsed = r.body.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const param = issue.path.map(String).join('.');
          return apiErrorResponse(c, 400, `${param ? `${param}: ` : ''}${issue.message}`, param || undefined);
        }
        body = parsed.data;
      }
      try {
        return await r.handler(c, body as never);
      } catch (err) {
        if (err instanceof ApiError) return apiErrorResponse(c, err.status, err.message, err.param);
        throw err;
      }
    });
  }
}

const toJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

export function openApiDocument(routes: ApiRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = '/api' + r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        ...(r.response ? { content: { 'application/json': { schema: toJson(r.response) } } } : {}),
      },
    };
    for (const [code, why] of Object.entries(r.errors ?? {})) {
      responses[code] = {
        description: why,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (!r.public)
      responses[401] = { description: 'Not signed in (admin token, session or loopback required).' };
    (paths[p] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body) } } } }
        : {}),
      responses,
      ...(r.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OmniRoute management API',
      version,
      description:
        'Manages providers, accounts (connections), combos, gateway API keys and settings. ' +
        'Authenticate with `Authorization: Bearer <admin token>` (the token is in `admin.token` in the data directory), ' +
        'a dashboard session, or — while no password is set and the server listens on loopback — from this machine. ' +
        'A gateway API key never grants access here.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'omniroute_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { message: { type: 'string' }, param: { type: 'string' } } },
          },
        },
      },
    },
    security: [{ adminToken: [] }, { session: [] }],
    paths,
  };
}
