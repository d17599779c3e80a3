// --source-feed: a newsroom's RSS or Atom feed on a local HTTP server; each item is voiced once,
// from its content:encoded or its page, across polls and restarts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseFeed, startFeedSource } from '../../src/jobs/feed-source.js';
import { createService } from '../../src/jobs/service.js';
import { runJob } from '../../src/jobs/run-job.js';
import type { JobRunner } from '../../src/jobs/queue.js';
import { NewscastError } from '../../src/errors.js';

interface Item {
  guid: string;
  title: string;
  link: string;
  encoded?: string;
}

function rss(items: Item[]): string {
  const entries = items.map(
    (item) =>
      `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid><description>A teaser.</description>${
        item.encoded ? `<content:encoded><![CDATA[${item.encoded}]]></content:encoded>` : ''
      }</item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>The Harbour Gazette</title><link>http://gazette.example/</link><description>News</description>${entries.reverse().join('')}</channel></rss>`;
}

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title} | The Harbour Gazette</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${body}</article><footer>© The Harbour Gazette</footer></body></html>`;

let server: Server | undefined;
const requests: string[] = [];
afterEach(() => server?.close());

async function serve(routes: Map<string, string>): Promise<string> {
  server = createServer((req, res) => {
    requests.push(req.url!);
    const body = routes.get(req.url!);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': req.url!.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('each new item is voiced once, from content:encoded or from its page, across polls and restarts', async () => {
  const routes = new Map<string, string>();
  const base = await serve(routes);
  const items: Item[] = [
    { guid: 'gazette-101', title: 'Lifeboat crew rescues two fishermen', link: `${base}/news/lifeboat`, encoded: '<p>The Harbour lifeboat crew rescued two fishermen on Sunday after their boat lost power near the north pier.</p><p>Both men were unhurt.</p>' },
    { guid: 'gazette-102', title: 'Market hall to reopen in June', link: '/news/market-hall' },
    { guid: 'gazette-103', title: 'Page that is not there', link: '/news/missing' },
  ];
  routes.set('/feed.xml', rss(items));
  routes.set('/news/market-hall', page('Market hall to reopen in June', '<p>The market hall on Quay Street will reopen in June after a two-year restoration, the council said on Thursday.</p><p>Stallholders will pay the old rents for the first year.</p>'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-feed-source-'));
  const messages: string[] = [];

  const run = async (work: (source: ReturnType<typeof startFeedSource>, service: Awaited<ReturnType<typeof createService>>) => Promise<void>) => {
    const service = await createService({ outDir });
    const source = startFeedSource({ url: `${base}/feed.xml`, service, jobOptions: { engine: 'flite-wasm' }, intervalMs: 3_600_000, onMessage: (message) => messages.push(message) });
    try {
      await work(source, service);
    } finally {
      await source.close();
      await service.close();
    }
  };

  await run(async (source, service) => {
    await source.poll();
    const jobs = await service.list();
    expect(jobs.map((job) => job.name).sort()).toEqual([`${base}/news/lifeboat`, `${base}/news/market-hall`]);
    const done = await Promise.all(jobs.map((job) => service.settled(job.id)));
    expect(done.map((job) => job.result?.manifest.title).sort()).toEqual(['Lifeboat crew rescues two fishermen', 'Market hall to reopen in June']);
    expect(messages.some((message) => message.includes('/news/missing') && message.includes('404'))).toBe(true);
    await source.poll();
    expect(await service.list()).toHaveLength(2);
  });
  expect(requests.filter((url) => url === '/news/market-hall')).toHaveLength(1);
  expect(requests.filter((url) => url === '/news/missing')).toHaveLength(2);

  // The page that was missing appears, and a new item is published; the service restarts.
  routes.set('/news/missing', page('Page that is not there', '<p>This page was missing at first, and came back an hour later with its story about the harbour wall.</p>'));
  items.push({ guid: 'gazette-104', title: 'Harbour wall repairs begin', link: `${base}/news/wall`, encoded: '<p>Repairs to the harbour wall began on Monday and will take six weeks.</p>' });
  routes.set('/feed.xml', rss(items));
  await run(async (source, service) => {
    await source.poll();
    const fresh = (await service.list()).filter((job) => job.state === 'waiting' || job.state === 'active');
    expect(fresh.map((job) => job.options.title).sort()).toEqual(['Harbour wall repairs begin', 'Page that is not there']);
    await Promise.all(fresh.map((job) => service.settled(job.id)));
    expect(await service.list({ state: 'done' })).toHaveLength(4);
  });
  expect(requests.filter((url) => url === '/news/market-hall')).toHaveLength(1);
  const episodes = readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  expect(episodes).toHaveLength(4);
  expect(readFileSync(join(outDir, 'feed.xml'), 'utf8').match(/<item>/g)).toHaveLength(4);
});

test('an item whose job failed transiently is sent again at the next poll; one whose episode was deleted is not', async () => {
  const routes = new Map<string, string>();
  const base = await serve(routes);
  const items: Item[] = [
    { guid: 'gazette-201', title: 'Ferry timetable changes', link: `${base}/news/ferry`, encoded: '<p>The ferry to the island will leave half an hour earlier from Monday, the operator said.</p>' },
    { guid: 'gazette-202', title: 'School roof mended', link: `${base}/news/roof`, encoded: '<p>The roof of the harbour school was mended over the half-term holiday.</p>' },
  ];
  routes.set('/feed.xml', rss(items));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-feed-source-'));
  let crashes = 1;
  const runner: JobRunner = async (data, context) => {
    if (data.name === `${base}/news/ferry` && crashes-- > 0) throw new NewscastError('internal', 'flite-wasm failed: worker crashed');
    return runJob(data, context);
  };
  const service = await createService({ outDir, runner, maxAttempts: 1 });
  const source = startFeedSource({ url: `${base}/feed.xml`, service, jobOptions: { engine: 'flite-wasm' }, intervalMs: 3_600_000 });
  try {
    await source.poll();
    const first = await Promise.all((await service.list()).map((job) => service.settled(job.id)));
    const ferry = first.find((job) => job.name.endsWith('/ferry'))!;
    const roof = first.find((job) => job.name.endsWith('/roof'))!;
    expect([ferry.state, roof.state]).toEqual(['failed', 'done']);
    rmSync(join(outDir, roof.result!.slug), { recursive: true }); // the newsroom deleted it
    await source.poll();
    expect(await service.get(roof.id)).toMatchObject({ state: 'done' });
    const voiced = await service.settled(ferry.id);
    expect(voiced.state).toBe('done');
    expect(voiced.result!.manifest.title).toBe('Ferry timetable changes');
  } finally {
    await source.close();
    await service.close();
  }
});

test('item pages: http(s) only, no private address but the feed host\'s own, each redirect checked, cut at the size limit as they stream; a Latin-1 page keeps its accents', async () => {
  let base = '';
  server = createServer((req, res) => {
    const url = req.url!;
    res.on('error', () => undefined);
    if (url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([
        { guid: 'g-file', title: 'File', link: 'file:///etc/passwd' },
        { guid: 'g-other', title: 'Other host', link: `http://127.0.0.2:${new URL(base).port}/news/x` },
        { guid: 'g-metadata', title: 'Metadata', link: `${base}/news/to-metadata` },
        { guid: 'g-huge', title: 'Huge', link: `${base}/news/huge` },
        { guid: 'g-fete', title: 'Village fete', link: `${base}/news/fete-old` },
      ]));
    } else if (url === '/news/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (url === '/news/fete-old') {
      res.writeHead(301, { location: '/news/fete' }).end();
    } else if (url === '/news/fete') {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(Buffer.from(page('Village fête', '<p>The village fête on Saturday raised money for the café by the green, which served crème brûlée all afternoon.</p>'), 'latin1'));
    } else if (url === '/news/huge') {
      res.writeHead(200, { 'content-type': 'text/html' }); // chunked: no Content-Length
      const chunk = Buffer.alloc(1024 * 1024, '<p>Filler.</p>\n');
      let sent = 0;
      const more = (): void => {
        while (sent < 18 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-feed-source-'));
  const messages: string[] = [];
  const service = await createService({ outDir });
  const source = startFeedSource({ url: `${base}/feed.xml`, service, jobOptions: { engine: 'flite-wasm' }, intervalMs: 3_600_000, onMessage: (message) => messages.push(message) });
  try {
    await source.poll();
    const said = (link: string) => messages.find((message) => message.startsWith(link)) ?? '';
    expect(said('file:///etc/passwd')).toContain('is not http or https');
    expect(said('http://127.0.0.2')).toContain('private address 127.0.0.2');
    expect(said(`${base}/news/to-metadata`)).toContain('private address 169.254.169.254');
    expect(said(`${base}/news/huge`)).toContain('at most 16.0 MB');
    const jobs = await service.list();
    expect(jobs.map((job) => job.name)).toEqual([`${base}/news/fete-old`]);
    const done = await service.settled(jobs[0]!.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    const script = readFileSync(join(outDir, done.result!.slug, 'script.ssml'), 'utf8');
    expect(script).toContain('crème brûlée');
    expect(script).not.toContain('\uFFFD');
  } finally {
    await source.close();
    await service.close();
  }
});

test('Atom entries: id, alternate link and content; a document that is no feed is an input error', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>
    <entry><id>tag:gazette,2026:2</id><title type="text">Second &amp; last</title><link rel="alternate" href="/news/2"/><link rel="enclosure" href="/a.mp3"/><content type="html">&lt;p&gt;Second story.&lt;/p&gt;</content></entry>
    <entry><id>tag:gazette,2026:1</id><title>First</title><link href="http://gazette.example/news/1"/></entry></feed>`;
  expect(parseFeed(atom, 'http://gazette.example/atom.xml')).toEqual([
    { id: 'tag:gazette,2026:1', title: 'First', link: 'http://gazette.example/news/1', html: undefined },
    { id: 'tag:gazette,2026:2', title: 'Second & last', link: 'http://gazette.example/news/2', html: '<p>Second story.</p>' },
  ]);
  expect(() => parseFeed('<html><body>hello</body></html>', 'http://gazette.example/')).toThrow(/neither an RSS nor an Atom feed/);
});

test('an RSS item with neither guid nor link is known by its title, date and text: two "Weather" items are two items', () => {
  const item = (date: string, text: string) => `<item><title>Weather</title><pubDate>${date}</pubDate><content:encoded><![CDATA[<p>${text}</p>]]></content:encoded></item>`;
  const feed = (items: string[]) => `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>${items.join('')}</channel></rss>`;
  const monday = item('Mon, 07 Sep 2026 06:00:00 GMT', 'Rain in the morning, sun by noon.');
  const tuesday = item('Tue, 08 Sep 2026 06:00:00 GMT', 'Fog on the coast all day.');
  const [first, second] = parseFeed(feed([tuesday, monday]), 'http://127.0.0.1/feed.xml');
  expect(first!.id).not.toBe(second!.id);
  expect(parseFeed(feed([monday]), 'http://127.0.0.1/feed.xml')[0]!.id).toBe(first!.id);
  expect(first!.id).toContain('Weather');
});
