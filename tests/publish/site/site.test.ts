import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EpisodeManifest } from '../../../src/publish/manifest.js';
import { removeEpisode } from '../../../src/publish/remove-episode.js';
import { publishedOn } from '../../../src/publish/site/episode-facts.js';
import { writeFeedAndSite, writeSite } from '../../../src/publish/site/site.js';
import { parseTranscriptVtt, transcriptVtt } from '../../../src/publish/transcript-vtt.js';

const hostile = '<script>alert(1)</script> & "quotes"';
const sentences = [
  { text: 'This is Newscast.', start: 3, end: 4 },
  { text: 'Rates rose <sharply> & "quickly".', start: 6.8, end: 9.5 },
  { text: 'Markets fell.', start: 9.9, end: 11 },
  { text: 'A new paragraph begins.', start: 12, end: 14 },
  { text: 'The second chapter.', start: 20, end: 22 },
];

function manifest(slug: string, title: string, date: string, extra: Partial<EpisodeManifest> = {}): EpisodeManifest {
  return {
    title, slug, show: 'Newscast', date, description: `About ${title}`, durationSeconds: 30,
    chapters: [{ title: 'Introduction', start: 0, end: 6.8 }, { title: `Rates ${hostile}`, start: 6.8, end: 20 }, { title: 'Next', start: 20, end: 30 }],
    engine: 'flite-wasm', voice: 'kal16', template: 'default', loudness: { integrated: -16, truePeak: -1.5, range: 3 },
    files: { audio: 'episode.mp3', script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt' },
    audioBytes: 3, generatedAt: `${date}T10:00:00.000Z`, generator: 'newscast', ...extra,
  };
}

async function outputFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'newscast-site-'));
  const episodes = [
    manifest('older', 'Older story', '2024-04-01', { url: 'javascript:alert(1)', source: 'Example News' }),
    manifest('newer', `Newer ${hostile}`, '2024-05-01', { url: 'https://news.example.com/story?a=1&b=2', byline: 'By A. Writer' }),
  ];
  for (const episode of episodes) {
    await mkdir(join(root, episode.slug));
    await writeFile(join(root, episode.slug, 'episode.json'), JSON.stringify(episode));
    await writeFile(join(root, episode.slug, 'episode.mp3'), 'mp3');
    await writeFile(join(root, episode.slug, 'transcript.vtt'), transcriptVtt(sentences));
  }
  await writeFile(join(root, 'show.json'), JSON.stringify({ title: `Show ${hostile}`, baseUrl: 'https://pod.example.com/news/', image: 'art.jpg' }));
  return root;
}

describe('the show’s site', async () => {
  const root = await outputFolder();
  await writeSite(root);
  const read = async (path: string) => parseHTML(await readFile(join(root, path), 'utf8')).document;

  it('lists the episodes newest first, linking each page, with the cover and both ways to subscribe', async () => {
    const page = await read('index.html');
    expect([...page.querySelectorAll('main h3 a')].map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      [`Newer ${hostile}`, './newer/index.html'],
      ['Older story', './older/index.html'],
    ]);
    expect(page.querySelector('h1')!.textContent).toBe(`Show ${hostile}`);
    expect(page.querySelector('img.cover')!.getAttribute('src')).toBe('art.jpg');
    const links = [...page.querySelectorAll('header a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['feed.xml', 'podcast://pod.example.com/news/feed.xml']);
  });

  it('escapes every text: no markup from a title or a chapter reaches a page', async () => {
    for (const path of ['index.html', 'newer/index.html', 'older/index.html']) {
      const text = await readFile(join(root, path), 'utf8');
      expect(text).not.toContain('<script>alert');
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    }
  });

  it('gives each episode its player, its source and its transcript under chapter headings, in paragraphs', async () => {
    const page = await read('newer/index.html');
    expect(page.querySelector('newscast-player')!.getAttribute('src')).toBe('episode.json');
    expect(page.querySelector('script[type=module]')!.getAttribute('src')).toBe('../newscast-player.js');
    expect(existsSync(join(root, 'newscast-player.js'))).toBe(true);
    expect(page.querySelector('main > p a')!.getAttribute('href')).toBe('https://news.example.com/story?a=1&b=2');
    const section = page.querySelector('section')!;
    expect([...section.querySelectorAll('h3')].map((heading) => heading.textContent)).toEqual(['Introduction', `Rates ${hostile}`, 'Next']);
    expect([...section.querySelectorAll('p')].map((paragraph) => paragraph.textContent)).toEqual([
      'This is Newscast.',
      'Rates rose <sharply> & "quickly". Markets fell.',
      'A new paragraph begins.',
      'The second chapter.',
    ]);
  });

  it('links no source address that is not a web address', async () => {
    const page = await read('older/index.html');
    expect(page.querySelector('a[href^="javascript"]')).toBeNull();
    expect(page.querySelector('main > p')!.textContent).toBe('Source: Example News');
  });

  it('gives the feed a podcast:guid and each item a link to its page', async () => {
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(root, 'feed.xml'), 'utf8')).rss.channel;
    expect(feed['podcast:guid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feed.item.map((item: { link: string }) => item.link)).toEqual(['https://pod.example.com/news/newer/index.html', 'https://pod.example.com/news/older/index.html']);
  });
});

describe('removing an episode', () => {
  it('takes it off the show page too', async () => {
    const root = await outputFolder();
    await writeSite(root);
    await removeEpisode(root, 'older');
    const page = parseHTML(await readFile(join(root, 'index.html'), 'utf8')).document;
    expect([...page.querySelectorAll('main h3 a')].map((link) => link.getAttribute('href'))).toEqual(['./newer/index.html']);
  });
});

describe('parseTranscriptVtt', () => {
  it('reads back what transcriptVtt wrote, text unescaped', () => {
    expect(parseTranscriptVtt(transcriptVtt(sentences))).toEqual(sentences);
  });

  it('skips the header and blocks without a timing line', () => {
    expect(parseTranscriptVtt('WEBVTT\n\nNOTE hello\n\n1\n01:02:03.500 --> 01:02:04.000 align:start\nHi\n')).toEqual([{ start: 3723.5, end: 3724, text: 'Hi' }]);
  });
});

describe('an episode whose language is not a language tag', () => {
  it('is left out with a warning, and the rest of the site is still written', async () => {
    const root = await outputFolder();
    const path = join(root, 'older', 'episode.json');
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), language: 'en_US' }));
    const warnings: string[] = [];
    await writeSite(root, { onWarning: (message) => warnings.push(message) });
    expect(warnings.join('\n')).toMatch(/older.*language/);
    const page = parseHTML(await readFile(join(root, 'index.html'), 'utf8')).document;
    expect([...page.querySelectorAll('main h3 a')].map((link) => link.getAttribute('href'))).toEqual(['./newer/index.html']);
  });

  it('dates a page in English when the tag has the right shape but Intl refuses it', () => {
    const dated = publishedOn({ ...manifest('x', 'X', '2024-05-01'), slug: 'x' }, 'en-abcdefghijk');
    expect(dated?.text).toBe('May 1, 2024');
  });
});

describe('file and folder names in links', () => {
  it('are URL-encoded, so a name like javascript:alert(1) stays a relative link to that file', async () => {
    const root = await outputFolder();
    const name = 'javascript:alert(1)';
    const episode = manifest(name, 'Hostile names', '2024-06-01', { files: { audio: `${name}#x?.mp3`, script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt' } });
    await mkdir(join(root, name));
    await writeFile(join(root, name, 'episode.json'), JSON.stringify(episode));
    await writeFile(join(root, name, episode.files.audio), 'mp3');
    await writeSite(root, { onWarning: () => {} });
    const base = 'https://pod.example.com/news/';
    const show = parseHTML(await readFile(join(root, 'index.html'), 'utf8')).document;
    const showLinks = [...show.querySelectorAll('main h3 a')].map((link) => new URL(link.getAttribute('href')!, base).href);
    expect(showLinks).toContain(`${base}${encodeURIComponent(name)}/index.html`);
    const page = parseHTML(await readFile(join(root, name, 'index.html'), 'utf8')).document;
    const episodeBase = `${base}${encodeURIComponent(name)}/`;
    for (const href of [page.querySelector('newscast-player audio')!.getAttribute('src')!, page.querySelector('footer a')!.getAttribute('href')!]) {
      const url = new URL(href, episodeBase);
      expect(url.origin + decodeURIComponent(url.pathname)).toBe(`https://pod.example.com/news/${name}/${episode.files.audio}`);
    }
  });
});

describe('newscast feed on a folder made before the site existed', () => {
  it('writes the pages its items link to', async () => {
    const root = await outputFolder();
    const feedPath = await writeFeedAndSite(root, { onWarning: () => {} });
    expect(feedPath).toBe(join(root, 'feed.xml'));
    const items = new XMLParser().parse(await readFile(feedPath, 'utf8')).rss.channel.item as { link: string }[];
    for (const { link } of items) expect(existsSync(join(root, new URL(link).pathname.replace('/news/', '')))).toBe(true);
    expect(existsSync(join(root, 'index.html'))).toBe(true);
  });
});
