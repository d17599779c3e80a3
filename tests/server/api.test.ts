// The API's plumbing through a real server and real HTTP: who may write, JSON errors with the
// CLI's kinds, body limits and types, 404/405, preflight, and the OpenAPI document against the
// routes the server really has. A route mounted here the way the jobs mount theirs exercises the
// body reader; the episodes' own routes are in episodes-api.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { NewscastError } from '../../src/errors.js';
import { HttpError } from '../../src/server/http-error.js';
import { sendJson } from '../../src/server/json-response.js';
import { errorResponse } from '../../src/server/openapi.js';
import { readJson } from '../../src/server/request-body.js';
import type { MountRoutes } from '../../src/server/router.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rawRequest } from './http.js';

const token = 'a-test-token-0123456789abcdef';
const out = mkdtempSync(join(tmpdir(), 'newscast-api-'));

/** A write route, mounted as the jobs mount theirs. */
const mountTestRoutes: MountRoutes = (router, server) => {
  router.add({
    method: 'POST',
    path: '/api/test/echo',
    operation: {
      operationId: 'echo',
      summary: 'Echoes a title (test route)',
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': { description: 'The title' },
        '400': errorResponse('Not JSON, or no title'),
        '413': errorResponse('Too large'),
        '415': errorResponse('Not JSON'),
      },
    },
    handle: async ({ req, res }) => {
      const body = await readJson(req, z.object({ title: z.string().min(1) }), server.bodyLimitBytes);
      sendJson(res, 200, { title: body.title });
    },
  });
  router.add({
    method: 'GET',
    path: '/api/test/fail/:kind',
    operation: { operationId: 'fail', summary: 'Throws an error of a kind (test route)', responses: { '404': errorResponse('Unknown kind') } },
    handle: ({ params }) => {
      if (params['kind'] === 'input') throw new NewscastError('input', 'The article has no text.', 'Give an article with paragraphs.');
      if (params['kind'] === 'dependency') throw new NewscastError('dependency', 'No engine espeak-ng.', 'Install espeak-ng.');
      if (params['kind'] === 'bug') throw new TypeError('secret internals at /home/x');
      throw new HttpError(404, 'not-found', `No kind ${params['kind']}.`);
    },
  });
};

let open: RunningServer;
let guarded: RunningServer;

beforeAll(async () => {
  open = await startServer({ outDir: out, port: 0, quiet: true, bodyLimitBytes: 1024, routes: [mountTestRoutes], log: () => {} });
  guarded = await startServer({ outDir: out, port: 0, quiet: true, token, routes: [mountTestRoutes] });
});

afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

describe('who may write', () => {
  test.each(['0.0.0.0', '::', '192.0.2.1'])('listening on %s without a token is refused with what to do', async (host) => {
    const failure = await startServer({ outDir: out, port: 0, host }).then(
      (server) => server.close().then(() => undefined),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NewscastError);
    expect((failure as NewscastError).kind).toBe('usage');
    expect((failure as NewscastError).message).toContain('NEWSCAST_API_TOKEN is not set');
    expect((failure as NewscastError).hint).toContain('openssl rand');
  });

  test('a short token is refused', async () => {
    await expect(startServer({ outDir: out, port: 0, token: 'short' })).rejects.toThrow(/at least 16/);
  });

  test('beyond loopback with a token: it starts, and still guards writes', async () => {
    const server = await startServer({ outDir: out, port: 0, host: '0.0.0.0', token, quiet: true });
    try {
      expect((await rawRequest(server.url, '/api/episodes/x', { method: 'DELETE' })).status).toBe(401);
      expect((await rawRequest(server.url, '/api/episodes')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('on loopback without a token, writes are open', async () => {
    const response = await rawRequest(open.url, '/api/episodes/no-such-episode', { method: 'DELETE' });
    expect(response.status).toBe(404);
  });

  test('on loopback without a token, a web page of another origin may not write (a visited site could otherwise delete episodes)', async () => {
    const { port } = new URL(open.url);
    for (const origin of ['https://evil.example', 'null', `http://localhost:${Number(port) + 1}`]) {
      const remove = await rawRequest(open.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Origin: origin } });
      expect(remove.status).toBe(403);
      expect(remove.json().error.kind).toBe('forbidden');
      expect(remove.json().error.hint).toContain('NEWSCAST_API_TOKEN');
      // A "simple" cross-origin POST is sent by browsers without a preflight: refused all the same.
      const post = await rawRequest(open.url, '/api/test/echo', { method: 'POST', body: '{"title":"x"}', headers: { Origin: origin, 'Content-Type': 'text/plain' } });
      expect(post.status).toBe(403);
    }
    // The server's own pages, and clients that are not browsers (no Origin), may.
    const sameOrigin = await rawRequest(open.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Origin: `http://127.0.0.1:${port}` } });
    expect(sameOrigin.status).toBe(404);
  });

  test('on loopback without a token, a write naming another host is refused (DNS rebinding)', async () => {
    const response = await rawRequest(open.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Host: 'rebound.evil.example' } });
    expect(response.status).toBe(403);
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      expect((await rawRequest(open.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Host: `${host}:${new URL(open.url).port}` } })).status).toBe(404);
    }
  });

  test('with a token, another origin may write with it (the token is the proof)', async () => {
    const response = await rawRequest(guarded.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Origin: 'https://cms.example', Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
  });

  test('with a token: no Authorization is 401 with WWW-Authenticate: Bearer', async () => {
    for (const headers of [{}, { Authorization: `Basic ${Buffer.from(`u:${token}`).toString('base64')}` }, { Authorization: 'Bearer' }]) {
      const response = await rawRequest(guarded.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json().error.kind).toBe('unauthorized');
      expect(response.json().error.hint).toContain('Authorization: Bearer');
    }
  });

  test('with a token: a wrong one is 403, also one that only starts like it', async () => {
    for (const wrong of ['wrong-token-0123456789', `${token}x`, token.slice(0, -1)]) {
      const response = await rawRequest(guarded.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Authorization: `Bearer ${wrong}` } });
      expect(response.status).toBe(403);
      expect(response.json().error.kind).toBe('forbidden');
    }
  });

  test('with the right token the write goes through (here to a 404: no such episode)', async () => {
    const response = await rawRequest(guarded.url, '/api/episodes/no-such-episode', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(response.json().error.kind).toBe('not-found');
  });

  test('reads stay public when a token is set', async () => {
    expect((await rawRequest(guarded.url, '/api/episodes')).status).toBe(200);
    expect((await rawRequest(guarded.url, '/api/openapi.json')).status).toBe(200);
  });
});

describe('JSON errors with the CLI’s kinds', () => {
  test.each([
    ['input', 422, 'The article has no text.', 'Give an article with paragraphs.'],
    ['dependency', 503, 'No engine espeak-ng.', 'Install espeak-ng.'],
  ])('a NewscastError of kind %s is %i with its message and hint', async (kind, status, message, hint) => {
    const response = await rawRequest(open.url, `/api/test/fail/${kind}`);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json()).toEqual({ error: { kind, message, hint } });
  });

  test('a bug is 500, kind internal, without its details', async () => {
    const lines: string[] = [];
    const server = await startServer({ outDir: out, port: 0, routes: [mountTestRoutes], log: (line) => lines.push(line), quiet: true });
    try {
      const response = await rawRequest(server.url, '/api/test/fail/bug');
      expect(response.status).toBe(500);
      expect(response.json().error.kind).toBe('internal');
      expect(response.body.toString()).not.toContain('secret internals');
      expect(lines.join('\n')).toContain('secret internals'); // the log has them
    } finally {
      await server.close();
    }
  });

  test('an unknown API path is 404; a known path with another method is 405 with Allow', async () => {
    const unknown = await rawRequest(open.url, '/api/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.kind).toBe('not-found');
    const put = await rawRequest(open.url, '/api/openapi.json', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(put.json().error.kind).toBe('method');
    const deleteAll = await rawRequest(open.url, '/api/episodes', { method: 'DELETE' });
    expect(deleteAll.status).toBe(405);
    expect(deleteAll.headers['allow']).toMatch(/^GET, .*HEAD, OPTIONS$/);
  });

  test('HEAD of an API route: its headers, no body', async () => {
    const response = await rawRequest(open.url, '/api/episodes', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.length).toBe(0);
  });

  test('API answers are not cached', async () => {
    expect((await rawRequest(open.url, '/api/episodes')).headers['cache-control']).toBe('no-store');
  });

  test('a preflight for a write names the path’s methods and allows the Authorization header', async () => {
    const response = await rawRequest(open.url, '/api/episodes/some-slug', {
      method: 'OPTIONS',
      headers: { Origin: 'https://cms.example', 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('DELETE, OPTIONS');
    expect(response.headers['access-control-allow-headers']).toBe('authorization');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('request bodies', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    rawRequest(open.url, '/api/test/echo', { method: 'POST', body, headers });

  test('a valid JSON body is read', async () => {
    const response = await post(JSON.stringify({ title: 'Ferry timetable' }));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ title: 'Ferry timetable' });
  });

  test('a body over the limit is 413, told by Content-Length before it is read', async () => {
    const response = await post(JSON.stringify({ title: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(response.json().error).toEqual({ kind: 'too-large', message: expect.stringContaining('1024 bytes'), hint: expect.any(String) });
  });

  test('a chunked body (no Content-Length) over the limit is 413 as it passes it', async () => {
    const response = await post(JSON.stringify({ title: 'x'.repeat(5000) }), { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    expect(response.status).toBe(413);
  });

  test('a body that is not JSON by its type is 415', async () => {
    const response = await post('title: x', { 'Content-Type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.json().error.kind).toBe('unsupported-media');
  });

  test('broken JSON is 400, kind usage', async () => {
    const response = await post('{"title": ');
    expect(response.status).toBe(400);
    expect(response.json().error.kind).toBe('usage');
  });

  test('JSON of the wrong shape is 400 naming the field', async () => {
    const response = await post(JSON.stringify({ title: 3 }));
    expect(response.status).toBe(400);
    expect(response.json().error.message).toMatch(/^The body is not valid: title: /);
  });
});

describe('/api/openapi.json', () => {
  test('an OpenAPI 3.1 document with exactly the routes the router has, mounted ones included', async () => {
    const document = (await rawRequest(open.url, '/api/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const routed = open.router.routes().map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(routed.sort());
    expect(routed).toEqual(expect.arrayContaining(['GET /api/episodes', 'DELETE /api/episodes/{slug}', 'GET /api/openapi.json', 'POST /api/test/echo']));
  });

  test('is valid against the OpenAPI 3.1 schema', async () => {
    const document = (await rawRequest(open.url, '/api/openapi.json')).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('every route answers a request with a status its operation documents', async () => {
    for (const server of [open, guarded]) {
      const document = (await rawRequest(server.url, '/api/openapi.json')).json();
      for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>>)) {
        for (const [method, operation] of Object.entries(methods)) {
          for (const parameter of operation.parameters) expect(path).toContain(`{${parameter.name}}`);
          const response = await rawRequest(server.url, path.replace(/\{\w+\}/g, 'no-such-thing'), { method: method.toUpperCase() });
          expect(Object.keys(operation.responses), `${method} ${path} answered ${response.status}`).toContain(String(response.status));
        }
      }
    }
  });

  test('writes are documented with the bearer scheme, 401 and 403', async () => {
    const document = (await rawRequest(open.url, '/api/openapi.json')).json();
    const remove = document.paths['/api/episodes/{slug}'].delete;
    expect(remove.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(remove.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/api/episodes'].get.security).toBeUndefined();
  });
});
