// /api/openapi.json, made from the router's routes: each route carries its own operation, so a
// route mounted by another part of newscast (the jobs) is documented by mounting it. What the
// router enforces for every route is added here once: path parameters, and for writes the bearer
// token with its 401 and 403.
import { readFileSync } from 'node:fs';
import { sendJson } from './json-response.js';
import type { OpenApiOperation, OpenApiParameter, OpenApiResponse } from './openapi-types.js';
import { openApiPath, pathParameters, type MountRoutes, type Route, type Router } from './router.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** A response of the shared error shape ({ error: { kind, message, hint } }). */
export function errorResponse(description: string): OpenApiResponse {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['kind', 'message'],
      properties: {
        kind: {
          type: 'string',
          description: 'input, usage, dependency and internal as the command line (exit 2, 2, 3, 1); or not-found, method, too-large, unauthorized, forbidden, unsupported-media, unsatisfiable-range, precondition-failed',
        },
        message: { type: 'string', description: 'What went wrong.' },
        hint: { type: 'string', description: 'What to do about it.' },
      },
    },
  },
};

export function isWrite(route: Pick<Route, 'method'>): boolean {
  return route.method !== 'GET';
}

export function operationOf(route: Route): OpenApiOperation & { security?: Record<string, string[]>[] } {
  const given = route.operation.parameters ?? [];
  const missing: OpenApiParameter[] = pathParameters(route.path)
    .filter((name) => !given.some((parameter) => parameter.in === 'path' && parameter.name === name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const operation = { ...route.operation, parameters: [...given, ...missing] };
  if (!isWrite(route)) return operation;
  return {
    ...operation,
    security: [{ bearer: [] }],
    responses: {
      ...operation.responses,
      '401': errorResponse('No bearer token, and the server has one (NEWSCAST_API_TOKEN).'),
      '403': errorResponse('A wrong bearer token; or, on a server without one, a write from a web page of another origin or addressed to a host that is not loopback.'),
    },
  };
}

export function openApiDocument(router: Router): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of router.routes()) {
    const path = (paths[openApiPath(route.path)] ??= {});
    path[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'newscast',
      version,
      description: 'The newscast server: the show’s files at /, this API under /api. Reads are public; writes need the bearer token when the server has one (NEWSCAST_API_TOKEN).',
    },
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'NEWSCAST_API_TOKEN; required only when the server has one.' } },
    },
  };
}

export const mountOpenApi: MountRoutes = (router) => {
  router.add({
    method: 'GET',
    path: '/api/openapi.json',
    operation: {
      operationId: 'getOpenApi',
      summary: 'This document',
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
    handle: ({ res }) => sendJson(res, 200, openApiDocument(router)),
  });
};
