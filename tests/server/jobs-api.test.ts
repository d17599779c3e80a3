// The jobs' API through a real server on a free loopback port and real HTTP: every input format
// submitted, followed as server-sent events to done, the episode fetched back and decoded by the
// independent reader; duplicates, bad input, oversize bodies, tokens and unknown jobs.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobRoutes } from '../../src/jobs/job-routes.js';
import { createService, type Service } from '../../src/jobs/service.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { decode } from '../e2e/audio-reader.js';
import { shortArticle } from '../jobs/queue-contract.js';
import { followJobEvents, rawRequest, type RawResponse } from './http.js';

const followEvents = (id: string) => followJobEvents(server.url, id);

const token = 'jobs-test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${token}` };
const out = mkdtempSync(join(tmpdir(), 'newscast-jobs-api-'));
const bodyLimitBytes = 64 * 1024;
let server: RunningServer;
let service: Service;

beforeAll(async () => {
  service = await createService({ outDir: out, concurrency: 2 });
  server = await startServer({ outDir: out, port: 0, quiet: true, token, bodyLimitBytes, routes: [jobRoutes(service)], log: () => {} });
});
afterAll(async () => {
  await server.close();
  await service.close();
});



function post(body: string | Buffer, type: string, extra: { query?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return rawRequest(server.url, `/api/episodes${extra.query ?? ''}`, { method: 'POST', headers: { 'content-type': type, ...auth, ...extra.headers }, body });
}

/** Downloads the episode's MP3 over HTTP and decodes it: its length in seconds. */
async function fetchedEpisodeSeconds(slug: string): Promise<number> {
  const response = await rawRequest(server.url, `/${slug}/episode.mp3`);
  expect(response.status).toBe(200);
  const path = join(mkdtempSync(join(tmpdir(), 'newscast-fetched-')), 'episode.mp3');
  writeFileSync(path, response.body);
  return (await decode(path)).length / 16000;
}

const engine = '?engine=flite-wasm';
const formats: [string, string, string, string][] = [
  ['text/plain', 'text/plain; charset=utf-8', shortArticle(1, 'Gransby'), 'Gransby opens reading room number 1'],
  ['text/markdown', 'text/markdown', '# Gransby pool reopens\n\nThe **Gransby** swimming pool reopened on Saturday after a new roof was fitted over the summer.\n', 'Gransby pool reopens'],
  ['text/html', 'text/html', '<!doctype html><html><head><title>Gransby tram extended</title></head><body><article><h1>Gransby tram extended</h1><p>The Gransby tram line will run two stops further east from March, the transport board said on Wednesday.</p><p>Work on the new platforms starts next month.</p></article></body></html>', 'Gransby tram extended'],
];

describe('POST /api/episodes, followed to done', () => {
  for (const [label, type, body, title] of formats) {
    test(`${label}: 202 with Location, progress by stage, done with the manifest, the MP3 served whole`, async () => {
      const response = await post(body, type, { query: engine });
      expect(response.status).toBe(202);
      const { job, links } = response.json();
      expect(response.headers['location']).toBe(`/api/jobs/${job.id}`);
      expect(links).toEqual({ self: `/api/jobs/${job.id}`, events: `/api/jobs/${job.id}/events` });
      expect(job).toMatchObject({ state: 'waiting', options: { engine: 'flite-wasm' }, attempts: 0 });

      const { status, type: streamType, events } = await followEvents(job.id);
      expect(status).toBe(200);
      expect(streamType).toMatch(/^text\/event-stream/);
      const last = events.at(-1)!;
      expect(last.event).toBe('done');
      expect(events.slice(0, -1).every((event) => event.event === 'progress')).toBe(true);
      expect(new Set(events.slice(0, -1).map((event) => event.data.stage))).toContain('publish');
      expect(last.data.manifest.title).toBe(title);
      expect(last.data.links.episode).toBe(`/${last.data.manifest.slug}/`);
      expect(await fetchedEpisodeSeconds(last.data.manifest.slug)).toBeCloseTo(last.data.manifest.durationSeconds, 0);
      const read = await rawRequest(server.url, `/api/jobs/${job.id}`);
      expect(read.json().job).toMatchObject({ state: 'done', attempts: 1, result: { slug: last.data.manifest.slug } });
    });
  }

  test('JSON with an article, then JSON with its edited script', async () => {
    const response = await post(JSON.stringify({ article: shortArticle(2, 'Gransby'), format: 'text', engine: 'flite-wasm', title: 'Reading room two' }), 'application/json');
    expect(response.status).toBe(202);
    const { events } = await followEvents(response.json().job.id);
    const manifest = events.at(-1)!.data.manifest;
    expect(manifest.title).toBe('Reading room two');
    const script = (await rawRequest(server.url, `/${manifest.slug}/script.ssml`)).body.toString('utf8');
    const edited = script.replace('forty people', 'fifty people');
    expect(edited).not.toBe(script);
    const rendered = await post(JSON.stringify({ script: edited, engine: 'flite-wasm', title: 'Reading room two, corrected' }), 'application/json');
    expect(rendered.status).toBe(202);
    expect(rendered.json().job.format).toBe('ssml');
    const done = (await followEvents(rendered.json().job.id)).events.at(-1)!;
    expect(done.event).toBe('done');
    expect((await rawRequest(server.url, `/${done.data.manifest.slug}/script.ssml`)).body.toString('utf8')).toContain('fifty people');
  });

  test('a client that connects after the end gets the final event at once', async () => {
    const response = await post(shortArticle(3, 'Gransby'), 'text/plain', { query: engine });
    const id = response.json().job.id;
    await service.settled(id);
    const { events } = await followEvents(id);
    expect(events.map((event) => event.event)).toEqual(['done']);
  });
});

describe('duplicates', () => {
  test('the same article and options from two clients at once, and again after: one job, one episode', async () => {
    const body = shortArticle(4, 'Hollin');
    const [first, second] = await Promise.all([post(body, 'text/plain', { query: engine }), post(body, 'text/plain', { query: `${engine}&rate=1` })]);
    expect([first.status, second.status].sort()).toEqual([200, 202]);
    expect(first.json().job.id).toBe(second.json().job.id);
    expect(second.headers['location']).toBe(first.headers['location']);
    const id = first.json().job.id as string;
    await followEvents(id);
    const again = await post(body, 'text/plain', { query: engine });
    expect(again.status).toBe(200);
    expect(again.json().job).toMatchObject({ id, state: 'done' });
    expect(readdirSync(out).filter((name) => name.startsWith('hollin-'))).toEqual(['hollin-opens-reading-room-number-4']);
  });

  test('the same article again after its episode was deleted: 202, made again', async () => {
    const body = shortArticle(7, 'Hollin');
    const first = await post(body, 'text/plain', { query: engine });
    const id = first.json().job.id as string;
    await followEvents(id);
    rmSync(join(out, 'hollin-opens-reading-room-number-7'), { recursive: true });
    const again = await post(body, 'text/plain', { query: engine });
    expect(again.status).toBe(202);
    expect(again.json().job).toMatchObject({ id, state: 'waiting', attempts: 0 });
    await followEvents(id);
    expect(existsSync(join(out, 'hollin-opens-reading-room-number-7', 'episode.mp3'))).toBe(true);
  });

  test('the same Idempotency-Key: the same body is the same job (200); another body or other options, 422', async () => {
    const keyed = { query: engine, headers: { 'idempotency-key': 'cms-4411' } };
    const first = await post(shortArticle(5, 'Hollin'), 'text/plain', keyed);
    const same = await post(shortArticle(5, 'Hollin'), 'text/plain', { ...keyed, query: `${engine}&rate=1` });
    expect([first.status, same.status]).toEqual([202, 200]);
    expect(same.json().job.id).toBe(first.json().job.id);
    const corrected = await post(`${shortArticle(5, 'Hollin')}\nA late correction.\n`, 'text/plain', keyed);
    expect(corrected.status).toBe(422);
    expect(corrected.json().error).toMatchObject({ kind: 'input' });
    expect(corrected.json().error.message).toContain('cms-4411');
    expect((await post(shortArticle(5, 'Hollin'), 'text/plain', { ...keyed, query: `${engine}&rate=1.2` })).status).toBe(422);
    await followEvents(first.json().job.id);
    expect((await post(`${shortArticle(5, 'Hollin')}\nA late correction.\n`, 'text/plain', keyed)).status).toBe(422);
  });
});

describe('errors are JSON with the CLI’s kind, message and hint', () => {
  test('an empty article: 422 with the message `newscast generate` gives, and no job', async () => {
    const response = await post('  \n', 'text/plain');
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({ error: { kind: 'input', message: 'article.txt is empty.', hint: 'Give an article with some text in it.' } });
    expect((await rawRequest(server.url, '/api/jobs?state=failed')).json().jobs).toEqual([]);
  });

  test('a page with no story: 422 with the HTML reader’s message', async () => {
    const response = await post('<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>', 'text/html');
    expect(response.status).toBe(422);
    expect(response.json().error.message).toMatch(/^No article text was found in the HTML page/);
  });

  test('bad options and bodies: 400 naming the field, 415 for another type', async () => {
    const rate = await post('Some text.', 'text/plain', { query: '?rate=5' });
    expect(rate.status).toBe(400);
    expect(rate.json().error).toMatchObject({ kind: 'usage', message: 'The query string is not valid: rate: rate is above 2 (double speed).' });
    const both = await post(JSON.stringify({ article: 'a', script: 'b' }), 'application/json');
    expect(both.status).toBe(400);
    expect(both.json().error.message).toContain('give exactly one of article and script');
    const unknown = await post(JSON.stringify({ article: 'a', colour: 'red' }), 'application/json');
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.message).toMatch(/colour/);
    const broken = await post('{"article": ', 'application/json');
    expect(broken.status).toBe(400);
    expect((await post('x', 'application/pdf')).status).toBe(415);
  });

  test('a template or engine this server lacks: 503 with the CLI’s message; a voice it lacks fails the job at once', async () => {
    const template = await post(shortArticle(6, 'Hollin'), 'text/plain', { query: '?template=no-such-template' });
    expect(template.status).toBe(503);
    expect(template.json().error.kind).toBe('dependency');
    const engine = await post(shortArticle(6, 'Hollin'), 'text/plain', { query: '?engine=no-such-engine' });
    expect(engine.status).toBe(503);
    expect(engine.json().error).toMatchObject({ kind: 'dependency', message: 'Unknown engine "no-such-engine".' });
    const voice = await post(JSON.stringify({ article: shortArticle(6, 'Hollin'), engine: 'flite-wasm', voice: 'no-such-voice' }), 'application/json');
    expect(voice.status).toBe(202);
    const failed = (await followEvents(voice.json().job.id)).events.at(-1)!;
    expect(failed.event).toBe('failed');
    expect(failed.data.job.attempts).toBe(1);
    expect(failed.data.error).toMatchObject({ kind: 'dependency', message: 'The flite-wasm engine has no voice "no-such-voice".', transient: false });
  });

  test('a body over the limit: 413, by Content-Length or as it streams', async () => {
    const response = await post(Buffer.alloc(bodyLimitBytes + 1, 'a'), 'text/plain');
    expect(response.status).toBe(413);
    expect(response.json().error.kind).toBe('too-large');
  });

  test('no token: 401; a wrong one: 403; reads stay public', async () => {
    const none = await rawRequest(server.url, '/api/episodes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Some text.' });
    expect(none.status).toBe(401);
    expect(none.json().error.kind).toBe('unauthorized');
    const wrong = await rawRequest(server.url, '/api/episodes', { method: 'POST', headers: { 'content-type': 'text/plain', authorization: 'Bearer not-the-token-at-all' }, body: 'Some text.' });
    expect(wrong.status).toBe(403);
    expect((await rawRequest(server.url, '/api/jobs')).status).toBe(200);
  });

  test('an unknown job: 404, for the job and for its events', async () => {
    const job = await rawRequest(server.url, `/api/jobs/${'0'.repeat(32)}`);
    expect(job.status).toBe(404);
    expect(job.json().error).toMatchObject({ kind: 'not-found', message: `No job ${'0'.repeat(32)}.` });
    const events = await rawRequest(server.url, `/api/jobs/${'0'.repeat(32)}/events`);
    expect(events.status).toBe(404);
    expect(events.headers['content-type']).toMatch(/^application\/json/);
  });
});

test('the job store in OUT is never served', async () => {
  expect((await rawRequest(server.url, '/.newscast/jobs.sqlite')).status).toBe(404);
});

test('the OpenAPI document has the jobs’ routes, the submission needing the token', async () => {
  const document = (await rawRequest(server.url, '/api/openapi.json')).json();
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/episodes', '/api/jobs', '/api/jobs/{id}', '/api/jobs/{id}/events']));
  const submit = document.paths['/api/episodes'].post;
  expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '401', '403', '413', '415', '422']));
  expect(Object.keys(submit.requestBody.content)).toEqual(['text/plain', 'text/markdown', 'text/html', 'application/ssml+xml', 'application/json']);
  expect(document.paths['/api/jobs/{id}/events'].get.responses['200'].content).toHaveProperty('text/event-stream');
  const validation = await new Validator().validate(document);
  expect(validation.errors ?? []).toEqual([]);
  expect(validation.valid).toBe(true);
});
