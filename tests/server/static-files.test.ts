// The show's files through a real server on a free loopback port, over real HTTP: types, ranges,
// conditional requests, compression, cache headers, CORS, and every way out of OUTDIR refused.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { runCli } from '../e2e/cli.js';
import { generateEpisode, rawRequest } from './http.js';

let base: string;
let out: string;
let slug: string;
let mp3: Buffer;
let server: RunningServer;
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.url, path, { headers });

// A show page long enough to be worth compressing.
const showPage = `<!doctype html><html lang="en"><title>Newscast</title><ul>${Array.from({ length: 60 }, (_, i) => `<li><a href="ep-${i}/">Episode ${i}</a></li>`).join('')}</ul></html>\n`;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'newscast-serve-'));
  out = join(base, 'out');
  mkdirSync(out);
  await generateEpisode(out, 'short-council-vote.txt');
  const feed = await runCli(['feed', out]);
  expect(feed.code, feed.stderr).toBe(0);
  slug = readdirSync(out).find((name) => name.startsWith('harbour'))!;
  mp3 = readFileSync(join(out, slug, 'episode.mp3'));
  writeFileSync(join(out, 'index.html'), showPage);
  writeFileSync(join(out, 'player.js'), 'export class Player {}\n');
  mkdirSync(join(out, 'notes'));
  writeFileSync(join(out, 'notes', 'index.html'), '<p>notes</p>');
  mkdirSync(join(out, 'empty-folder'));
  // What must never be served: hidden entries and anything outside OUTDIR.
  writeFileSync(join(out, '.newscast.lock'), '123 abcd token\n');
  writeFileSync(join(out, '.env'), 'SECRET=1\n');
  writeFileSync(join(out, slug, '.notes'), 'private\n');
  mkdirSync(join(out, '.harbour.newscast-abcdef01-1-abcdef01.staging'));
  writeFileSync(join(out, '.harbour.newscast-abcdef01-1-abcdef01.staging', 'episode.mp3'), 'half-written');
  writeFileSync(join(base, 'secret.txt'), 'outside the show\n');
  symlinkSync(join(base, 'secret.txt'), join(out, 'leak.txt'));
  symlinkSync(base, join(out, 'leak-folder'));
  symlinkSync(join(out, '.newscast.lock'), join(out, 'lock-alias'));
  symlinkSync(join(slug, 'episode.mp3'), join(out, 'latest.mp3'));
  server = await startServer({ outDir: out, port: 0, quiet: true });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('types and cache headers', () => {
  test.each([
    ['episode.mp3', 'audio/mpeg', 'public, no-cache'],
    ['transcript.vtt', 'text/vtt; charset=utf-8', 'public, no-cache'],
    ['chapters.json', 'application/json+chapters', 'public, no-cache'],
    ['episode.json', 'application/json', 'public, no-cache'],
    ['script.ssml', 'application/ssml+xml; charset=utf-8', 'public, no-cache'],
    ['cover.jpg', 'image/jpeg', 'public, max-age=3600'],
  ])('/SLUG/%s is %s, %s', async (name, type, cacheControl) => {
    const response = await get(`/${slug}/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe(cacheControl);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body.equals(readFileSync(join(out, slug, name)))).toBe(true);
  });

  test.each([
    ['/', 'text/html; charset=utf-8', 'public, no-cache'],
    ['/feed.xml', 'application/rss+xml; charset=utf-8', 'public, no-cache'],
    ['/player.js', 'text/javascript; charset=utf-8', 'public, max-age=300'],
    ['/notes/', 'text/html; charset=utf-8', 'public, no-cache'],
  ])('%s is %s, %s', async (path, type, cacheControl) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe(cacheControl);
  });

  test('a folder without its slash is redirected to it (its page’s relative links need it), the query kept', async () => {
    const response = await get('/notes?from=feed');
    expect(response.status).toBe(301);
    expect(response.headers['location']).toBe('/notes/?from=feed');
  });

  test('the redirect names this server’s folder, never another host: empty and encoded segments are not echoed', async () => {
    // "//notes/" in Location is a network-path reference: a browser would go to the host "notes".
    for (const [path, location] of [
      ['//notes', '/notes/'],
      ['//notes?x=1', '/notes/?x=1'],
      ['/./notes', undefined],
      ['/no%74es', '/notes/'],
    ] as const) {
      const response = await get(path);
      if (location === undefined) expect(response.status, path).not.toBe(301);
      else expect([response.status, response.headers['location']], path).toEqual([301, location]);
    }
    // An encoded slash never names a folder (403), so it is never redirected either.
    const encoded = await get('/%2F%2Fevil.example');
    expect(encoded.status).toBe(403);
    expect(encoded.headers['location']).toBeUndefined();
  });

  test('a folder without index.html is a 404', async () => {
    expect((await get('/empty-folder/')).status).toBe(404);
  });

  test('HEAD: the headers of GET, no body', async () => {
    const response = await rawRequest(server.url, `/${slug}/episode.mp3`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(mp3.length));
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['etag']).toBeTruthy();
    expect(response.body.length).toBe(0);
  });
});

describe('range requests', () => {
  const range = (spec: string) => get(`/${slug}/episode.mp3`, { Range: spec });

  test('the first bytes', async () => {
    const response = await range('bytes=0-99');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-99/${mp3.length}`);
    expect(response.headers['content-length']).toBe('100');
    expect(response.body.equals(mp3.subarray(0, 100))).toBe(true);
  });

  test('a suffix: the last 500 bytes', async () => {
    const response = await range('bytes=-500');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${mp3.length - 500}-${mp3.length - 1}/${mp3.length}`);
    expect(response.body.equals(mp3.subarray(-500))).toBe(true);
  });

  test('open-ended: from a byte to the end', async () => {
    const from = mp3.length - 1234;
    const response = await range(`bytes=${from}-`);
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${from}-${mp3.length - 1}/${mp3.length}`);
    expect(response.body.equals(mp3.subarray(from))).toBe(true);
  });

  test('an end past the file is cut at its end', async () => {
    const response = await range(`bytes=${mp3.length - 10}-${mp3.length + 1000}`);
    expect(response.status).toBe(206);
    expect(response.body.equals(mp3.subarray(-10))).toBe(true);
  });

  test('overlapping ranges are one range', async () => {
    const response = await range('bytes=0-9,5-19');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-19/${mp3.length}`);
    expect(response.body.equals(mp3.subarray(0, 20))).toBe(true);
  });

  test('several separate ranges: the whole file (200), as RFC 9110 allows', async () => {
    const response = await range('bytes=0-9,100-109');
    expect(response.status).toBe(200);
    expect(response.headers['content-range']).toBeUndefined();
    expect(response.body.equals(mp3)).toBe(true);
  });

  test.each(['bytes=999999999-', `bytes=${400_591 * 10}-${400_591 * 10 + 5}`, 'bytes=-0'])('%s is past the end: 416 with the size, as JSON', async (spec) => {
    const response = await range(spec.replace('999999999', String(mp3.length)));
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${mp3.length}`);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json().error.kind).toBe('unsatisfiable-range');
  });

  test('a Range that is not bytes=… is ignored: the whole file', async () => {
    const response = await range('lines=1-2');
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(mp3.length);
  });

  test('the MP3 fetched in 64 KiB ranges and joined is the file, byte for byte', async () => {
    const chunk = 64 * 1024;
    const parts: Buffer[] = [];
    for (let start = 0; start < mp3.length; start += chunk) {
      const response = await range(`bytes=${start}-${start + chunk - 1}`);
      expect(response.status).toBe(206);
      parts.push(response.body);
    }
    expect(parts.length).toBeGreaterThan(2);
    expect(Buffer.concat(parts).equals(mp3)).toBe(true);
  });
});

describe('conditional requests', () => {
  test('If-None-Match with the ETag, or If-Modified-Since with Last-Modified: 304 without a body', async () => {
    const first = await get(`/${slug}/transcript.vtt`);
    const etag = first.headers['etag'] as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    for (const headers of [{ 'If-None-Match': etag }, { 'If-Modified-Since': lastModified }]) {
      const again = await get(`/${slug}/transcript.vtt`, headers);
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['etag']).toBe(etag);
    }
  });

  test('a changed file: the old ETag and date get 200 and the new bytes; If-Range with the old ETag gets the whole file', async () => {
    const path = join(out, 'notes', 'changing.txt');
    writeFileSync(path, 'first version\n');
    utimesSync(path, new Date('2024-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    const first = await get('/notes/changing.txt');
    const etag = first.headers['etag'] as string;
    writeFileSync(path, 'second, longer version\n');
    const byTag = await get('/notes/changing.txt', { 'If-None-Match': etag });
    expect(byTag.status).toBe(200);
    expect(byTag.body.toString()).toBe('second, longer version\n');
    const byDate = await get('/notes/changing.txt', { 'If-Modified-Since': first.headers['last-modified'] as string });
    expect(byDate.status).toBe(200);
    const staleRange = await get('/notes/changing.txt', { Range: 'bytes=0-5', 'If-Range': etag });
    expect(staleRange.status).toBe(200);
    expect(staleRange.body.toString()).toBe('second, longer version\n');
    const freshRange = await get('/notes/changing.txt', { Range: 'bytes=0-5', 'If-Range': byTag.headers['etag'] as string });
    expect(freshRange.status).toBe(206);
    expect(freshRange.body.toString()).toBe('second');
  });
});

describe('compression', () => {
  test.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('text asked with Accept-Encoding %s comes %s-encoded, Vary: Accept-Encoding', async (encoding, decompress) => {
    const response = await get('/', { 'Accept-Encoding': encoding });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(response.body.length).toBeLessThan(showPage.length / 2);
    expect(decompress(response.body).toString()).toBe(showPage);
  });

  test('br is preferred when both are taken', async () => {
    expect((await get('/', { 'Accept-Encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
  });

  test('without Accept-Encoding: the bytes as they are, with their length', async () => {
    const response = await get('/');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(showPage)));
  });

  test('audio is never compressed, nor is a range of text', async () => {
    const audio = await get(`/${slug}/episode.mp3`, { 'Accept-Encoding': 'gzip, br' });
    expect(audio.headers['content-encoding']).toBeUndefined();
    expect(audio.body.equals(mp3)).toBe(true);
    const partial = await get('/', { 'Accept-Encoding': 'gzip, br', Range: 'bytes=0-1999' });
    expect(partial.status).toBe(206);
    expect(partial.headers['content-encoding']).toBeUndefined();
    expect(partial.body.toString()).toBe(showPage.slice(0, 2000));
  });
});

test('the request log: a line per request with method, path, status, bytes sent (compressed) and time; the path as sent, still encoded', async () => {
  const lines: string[] = [];
  const logged = await startServer({ outDir: out, port: 0, log: (line) => lines.push(line) });
  try {
    const compressed = await rawRequest(logged.url, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    await rawRequest(logged.url, '/%1B[31mred');
    await logged.close();
    // This show's feed has file:// addresses (no --base-url): said once, before the requests.
    expect(lines.shift()).toContain('gives file:// addresses');
    expect(lines[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z GET / 200 ${compressed.body.length} \\d+ms$`));
    expect(compressed.body.length).toBeLessThan(showPage.length);
    expect(lines[1]).toMatch(/ GET \/%1B\[31mred 404 \d+ \d+ms$/);
  } finally {
    await logged.close();
  }
});

describe('CORS, for the player embedded on another origin', () => {
  test('files answer any origin and expose the range and validator headers', async () => {
    const response = await get(`/${slug}/episode.mp3`, { Origin: 'https://news.example', Range: 'bytes=0-1' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const exposed = (response.headers['access-control-expose-headers'] as string).split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['Content-Range', 'Accept-Ranges', 'Content-Length', 'ETag']));
  });

  test('a preflight is answered 204 with the methods and the headers asked for', async () => {
    const response = await rawRequest(server.url, `/${slug}/episode.mp3`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://news.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range, if-none-match' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(response.headers['access-control-allow-headers']).toBe('range, if-none-match');
    expect(Number(response.headers['access-control-max-age'])).toBeGreaterThan(0);
  });

  test('errors are readable cross-origin too', async () => {
    const response = await get('/nothing-here', { Origin: 'https://news.example' });
    expect(response.status).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('nothing outside OUTDIR, nothing hidden', () => {
  test.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    `/SLUG/../../secret.txt`,
    `/SLUG/%2e%2e/%2e%2e/secret.txt`,
    '/..%2fsecret.txt',
    '/notes%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/notes\\..\\..\\secret.txt',
    '/secret.txt%00',
    `/SLUG/episode.mp3%00.html`,
  ])('%s: 403, as JSON', async (path) => {
    const response = await get(path.replace('SLUG', slug));
    expect(response.status).toBe(403);
    expect(response.json().error.kind).toBe('forbidden');
    expect(response.body.toString()).not.toContain('outside the show');
  });

  test.each(['/leak.txt', '/leak-folder/secret.txt', '/lock-alias'])('%s (a symbolic link out of OUTDIR, or to a hidden file): 404', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toMatch(/outside the show|token/);
  });

  test('a symbolic link to a file inside OUTDIR is served', async () => {
    const response = await get('/latest.mp3');
    expect(response.status).toBe(200);
    expect(response.body.equals(mp3)).toBe(true);
  });

  test.each(['/.newscast.lock', '/%2enewscast.lock', '/.env', '/SLUG/.notes', '/.harbour.newscast-abcdef01-1-abcdef01.staging/episode.mp3', '/.harbour.newscast-abcdef01-1-abcdef01.staging/'])(
    '%s (hidden): 404',
    async (path) => {
      const response = await get(path.replace('SLUG', slug));
      expect(response.status).toBe(404);
      expect(response.json().error.kind).toBe('not-found');
    },
  );

  test('an unknown path: 404 with the JSON error shape', async () => {
    const response = await get('/no-such-episode/episode.mp3');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json');
    const { error } = response.json();
    expect(error).toEqual({ kind: 'not-found', message: expect.any(String), hint: expect.any(String) });
  });

  test('the site is read-only: POST is 405 with Allow', async () => {
    const response = await rawRequest(server.url, `/${slug}/episode.mp3`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(response.json().error.kind).toBe('method');
  });
});
