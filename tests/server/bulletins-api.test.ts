// POST /api/bulletins through a real server, real HTTP and the real flite-wasm engine: a bulletin
// of three short stories (each in its own format) followed as server-sent events to done, its MP3
// fetched and its chapters read back by the independent reader; duplicates, a bad story with and
// without skipBad, and the bodies the API refuses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobRoutes } from '../../src/jobs/job-routes.js';
import { createService, type Service } from '../../src/jobs/service.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { probe } from '../e2e/audio-reader.js';
import { followJobEvents, rawRequest, type RawResponse } from './http.js';

const followEvents = async (id: string) => (await followJobEvents(server.url, id)).events;

const token = 'bulletin-test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${token}` };
const out = mkdtempSync(join(tmpdir(), 'newscast-bulletins-api-'));
const bodyLimitBytes = 64 * 1024;
let server: RunningServer;
let service: Service;

beforeAll(async () => {
  service = await createService({ outDir: out });
  server = await startServer({ outDir: out, port: 0, quiet: true, token, bodyLimitBytes, routes: [jobRoutes(service)], log: () => {} });
});
afterAll(async () => {
  await server.close();
  await service.close();
});

const stories = [
  {
    title: 'Harbour ferry back on its winter timetable',
    article: { article: 'Harbour ferry back on its winter timetable\n\nThe Eastwick harbour ferry returned to its winter timetable on Monday, with sailings every forty minutes until the spring.\n\nThe operator said the last crossing now leaves at half past eight.\n', format: 'text', name: 'ferry.txt' },
  },
  {
    title: 'School choir wins county prize',
    article: { article: '# School choir wins county prize\n\nThe choir of Eastwick **primary school** won the county prize on Saturday, singing two songs written by its own pupils.\n', format: 'markdown', name: 'choir.md' },
  },
  {
    title: 'Library extends its evening hours',
    article: {
      article: '<!doctype html><html><head><title>Library extends its evening hours</title></head><body><article><h1>Library extends its evening hours</h1><p>Eastwick library will stay open until nine on weekdays from next month, the council said on Thursday.</p></article></body></html>',
      format: 'html',
      name: 'library.html',
    },
  },
];
const titles = stories.map((story) => story.title);
const articles = stories.map((story) => story.article);

function postBulletin(body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return rawRequest(server.url, '/api/bulletins', { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: text });
}



/** The episode's MP3 fetched over HTTP: its chapters' titles as an independent reader sees them. */
async function fetchedChapters(slug: string): Promise<string[]> {
  const response = await rawRequest(server.url, `/${slug}/episode.mp3`);
  expect(response.status).toBe(200);
  const path = join(mkdtempSync(join(tmpdir(), 'newscast-fetched-')), 'episode.mp3');
  writeFileSync(path, response.body);
  return (await probe(path)).chapters.map((chapter) => chapter.tags?.title ?? '');
}

describe('POST /api/bulletins, followed to done', () => {
  test('three stories: 202 with Location, progress by stage, done; the MP3 has intro, headlines, one chapter per story and outro', async () => {
    const response = await postBulletin({ articles, title: 'Eastwick evening news', engine: 'flite-wasm' });
    expect(response.status).toBe(202);
    const { job, links } = response.json();
    expect(response.headers['location']).toBe(`/api/jobs/${job.id}`);
    expect(links).toEqual({ self: `/api/jobs/${job.id}`, events: `/api/jobs/${job.id}/events` });
    expect(job).toMatchObject({
      state: 'waiting',
      kind: 'bulletin',
      articles: [
        { name: 'ferry.txt', format: 'text' },
        { name: 'choir.md', format: 'markdown' },
        { name: 'library.html', format: 'html' },
      ],
      options: { title: 'Eastwick evening news', engine: 'flite-wasm' },
    });

    const events = await followEvents(job.id);
    const last = events.at(-1)!;
    expect(last.event, JSON.stringify(last.data.error)).toBe('done');
    expect(events.slice(0, -1).every((event) => event.event === 'progress')).toBe(true);
    expect([...new Set(events.slice(0, -1).map((event) => event.data.stage))]).toEqual(['read', 'script', 'render', 'assemble', 'publish']);
    // Progress names each story as the caller did, never the worker's scratch copy.
    expect(events.filter((event) => event.data.stage === 'read').map((event) => event.data.detail)).toEqual(['ferry.txt', 'choir.md', 'library.html']);
    // (publish names the episode's folder in OUT, which is under tmpdir here.)
    expect(events.filter((event) => event.data.stage !== 'publish').some((event) => String(event.data.detail).includes(tmpdir()))).toBe(false);
    const { manifest } = last.data;
    expect(manifest.title).toBe('Eastwick evening news');
    expect(manifest.stories.map((story: { title: string }) => story.title)).toEqual(titles);
    const expected = ['Introduction', 'Headlines', ...titles, 'Outro'];
    expect(await fetchedChapters(manifest.slug)).toEqual(expected);
    expect((await rawRequest(server.url, `/api/jobs/${job.id}`)).json().job).toMatchObject({ state: 'done', kind: 'bulletin', result: { slug: manifest.slug } });

    // The same bulletin again, with an option at its default: the same job, answered 200.
    const again = await postBulletin({ articles, title: 'Eastwick evening news', engine: 'flite-wasm', skipBad: false, rate: 1 });
    expect(again.status).toBe(200);
    expect(again.headers['location']).toBe(`/api/jobs/${job.id}`);
    expect(again.json().job).toMatchObject({ id: job.id, state: 'done' });
    // An Idempotency-Key names the job; the same key with other stories is refused, not answered with the wrong bulletin.
    const keyed = await postBulletin({ articles, engine: 'flite-wasm', idempotencyKey: 'cms-bulletin-18h' });
    const sameKey = await postBulletin({ articles, engine: 'flite-wasm' }, { 'idempotency-key': 'cms-bulletin-18h' });
    const otherStories = await postBulletin({ articles: articles.slice(0, 2), engine: 'flite-wasm' }, { 'idempotency-key': 'cms-bulletin-18h' });
    expect([keyed.status, sameKey.status, otherStories.status]).toEqual([202, 200, 422]);
    expect(sameKey.json().job.id).toBe(keyed.json().job.id);
    expect(otherStories.json().error.message).toContain('cms-bulletin-18h');
    await service.settled(keyed.json().job.id);
  });

  test('a story that cannot be read fails the job at once, naming it; with skipBad the bulletin is made without it', async () => {
    const withBad = [articles[0], { article: '   \n', format: 'text', name: 'minister-resigns.txt' }, articles[2]];
    const response = await postBulletin({ articles: withBad, engine: 'flite-wasm' });
    expect(response.status).toBe(202);
    const failed = (await followEvents(response.json().job.id)).at(-1)!;
    expect(failed.event).toBe('failed');
    expect(failed.data.job.attempts).toBe(1);
    expect(failed.data.error).toMatchObject({ kind: 'input', message: 'Story 2 of 3 (minister-resigns.txt): minister-resigns.txt is empty.', transient: false });
    expect(failed.data.error.message).not.toContain(tmpdir());

    const skipping = await postBulletin({ articles: withBad, engine: 'flite-wasm', skipBad: true });
    expect(skipping.status).toBe(202);
    expect(skipping.json().job.id).not.toBe(response.json().job.id);
    const done = (await followEvents(skipping.json().job.id)).at(-1)!;
    expect(done.event, JSON.stringify(done.data.error)).toBe('done');
    expect(done.data.manifest.leftOut).toEqual([{ article: 'minister-resigns.txt', kind: 'input', reason: 'minister-resigns.txt is empty.' }]);
    expect(done.data.job.result.notes).toEqual(['left out story 2 of 3 (minister-resigns.txt): minister-resigns.txt is empty.']);
    expect(await fetchedChapters(done.data.manifest.slug)).toEqual(['Introduction', 'Headlines', titles[0], titles[2], 'Outro']);
  });
});

describe('bodies the API refuses, with no job made', () => {
  test('fewer than two articles, a script as a story, unknown fields, bad options: 400 naming the field', async () => {
    const one = await postBulletin({ articles: articles.slice(0, 1) });
    expect(one.status).toBe(400);
    expect(one.json().error).toMatchObject({ kind: 'usage', message: 'The body is not valid: articles: a bulletin needs at least 2 articles.' });
    const script = await postBulletin({ articles: [articles[0], { article: '<speak>Hi.</speak>', format: 'ssml' }] });
    expect(script.status).toBe(400);
    expect(script.json().error.message).toMatch(/^The body is not valid: articles\.1\.format/);
    const unknown = await postBulletin({ articles, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.message).toMatch(/colour/);
    const headlines = await postBulletin({ articles, headlines: 0, maxMinutes: 900 });
    expect(headlines.status).toBe(400);
    expect(headlines.json().error.message).toBe('The body is not valid: headlines: headlines is below 1; maxMinutes: maxMinutes is above 720 (12 hours).');
    expect((await postBulletin('{"articles": [')).status).toBe(400);
    expect((await rawRequest(server.url, '/api/jobs?state=failed')).json().jobs.filter((job: { options: { headlines?: number } }) => job.options.headlines === 0)).toEqual([]);
  });

  test('every story unreadable: 422 at once; an engine the server lacks: 503', async () => {
    const none = await postBulletin({ articles: [{ article: ' ' }, { article: '\n\n' }], skipBad: true });
    expect(none.status).toBe(422);
    expect(none.json().error).toMatchObject({ kind: 'input', message: 'None of the 2 articles could be read, so there is no bulletin to make.' });
    expect(none.headers['location']).toBeUndefined();
    const engine = await postBulletin({ articles, engine: 'no-such-engine' });
    expect(engine.status).toBe(503);
    expect(engine.json().error).toMatchObject({ kind: 'dependency', message: 'Unknown engine "no-such-engine".' });
  });

  test('a body over the limit in all: 413; not JSON: 415; no token: 401', async () => {
    const big = 'The council met again. '.repeat(1200);
    const over = await postBulletin({ articles: [{ article: big }, { article: big }, { article: big }] });
    expect(over.status).toBe(413);
    expect(over.json().error.kind).toBe('too-large');
    const text = await rawRequest(server.url, '/api/bulletins', { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: 'Some text.' });
    expect(text.status).toBe(415);
    expect(text.json().error.message).toMatch(/^POST \/api\/bulletins takes application\/json/);
    const none = await rawRequest(server.url, '/api/bulletins', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ articles }) });
    expect(none.status).toBe(401);
  });
});

test('the OpenAPI document has POST /api/bulletins, and stays valid', async () => {
  const document = (await rawRequest(server.url, '/api/openapi.json')).json();
  const submit = document.paths['/api/bulletins'].post;
  expect(Object.keys(submit.requestBody.content)).toEqual(['application/json']);
  expect(submit.requestBody.content['application/json'].schema.properties.articles).toMatchObject({ type: 'array', minItems: 2 });
  expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '401', '413', '415', '422', '503']));
  const validation = await new Validator().validate(document);
  expect(validation.errors ?? []).toEqual([]);
});
