// Renders the example with every built-in template (one render each, shared by the assertions) and
// checks the results with readers that are not newscast's own: ffmpeg's ebur128, ffprobe,
// music-metadata, fast-xml-parser, and a tone detector over the decoded MP3.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { decode, loudnessOf, probe, transcriptCues } from './audio-reader.js';
import { runCli } from './cli.js';

const example = 'examples/us-strikes-iraq.txt';
const outDir = mkdtempSync(join(tmpdir(), 'newscast-templates-'));
/** The news bed's steady drone (scripts/make-templates.js, bedDroneHz). */
const bedDroneHz = 65.375;

const renders = [
  { template: 'default', preset: undefined, bitrate: 64000, channels: 1 },
  { template: 'news', preset: undefined, bitrate: 96000, channels: 1 },
  { template: 'minimal', preset: 'stereo', bitrate: 128000, channels: 2 },
] as const;

interface Rendered {
  manifest: EpisodeManifest;
  dir: string;
  metadata: IAudioMetadata;
  loudness: { integrated: number; truePeak: number; range: number };
}
const episodes = new Map<string, Rendered>();

const cues = transcriptCues;

/** Level (dBFS) of one sine frequency over a stretch of samples: a single-bin DFT. */
function toneLevelDb(samples: Int16Array, rate: number, from: number, to: number, hz: number): number {
  let re = 0;
  let im = 0;
  const a = Math.round(from * rate);
  const b = Math.round(to * rate);
  for (let i = a; i < b; i++) {
    const phase = (2 * Math.PI * hz * i) / rate;
    re += samples[i]! * Math.cos(phase);
    im += samples[i]! * Math.sin(phase);
  }
  return 20 * Math.log10((2 * Math.hypot(re, im)) / (b - a) / 32768 + 1e-12);
}

beforeAll(async () => {
  writeFileSync(join(outDir, 'show.json'), JSON.stringify({ title: 'Newscast & Friends', owner: { name: 'News Desk', email: 'desk@example.com' } }));
  for (const render of renders) {
    const args = ['generate', example, '-o', outDir, '--json', '-q', '--engine', 'flite-wasm', '--template', render.template];
    args.push('--title', `US strikes in Iraq (${render.template})`, '--base-url', 'https://podcast.example.com/show/');
    if (render.preset) args.push('--preset', render.preset);
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout) as EpisodeManifest;
    const dir = join(outDir, manifest.slug);
    const mp3 = join(dir, 'episode.mp3');
    episodes.set(render.template, { manifest, dir, metadata: await parseFile(mp3, { includeChapters: true }), loudness: await loudnessOf(mp3) });
  }
}, 180_000);

describe.each(renders)('the example with the $template template', ({ template, bitrate, channels }) => {
  const episode = () => episodes.get(template)!;

  test('is -16 LUFS ±0.5 with true peak at most -1 dBTP, as measured on the MP3', () => {
    const { loudness, manifest } = episode();
    expect(Math.abs(loudness.integrated + 16)).toBeLessThanOrEqual(0.5);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1);
    // The manifest reports the mix going into the encoder less LAME's fixed 0.95 scale; ebur128
    // prints one decimal, and the codec itself moves loudness by up to a tenth more.
    expect(Math.abs(manifest.loudness.integrated - loudness.integrated)).toBeLessThanOrEqual(0.15);
  });

  test(`is encoded with its preset: ${channels} channel(s), ${bitrate / 1000} kb/s, 44.1 kHz`, async () => {
    const info = (await probe(join(episode().dir, 'episode.mp3'))) as { streams: { channels: number; sample_rate: string; bit_rate?: string }[] };
    expect(info.streams[0]).toMatchObject({ channels, sample_rate: '44100', bit_rate: String(bitrate) });
  });

  test('has its parts where the template puts them', async () => {
    const { manifest, dir } = episode();
    const parts = manifest.parts!;
    const firstCue = cues(dir)[0]!;
    // Intro clip length minus its crossfade (3.6 - 0.6 s, 2.8 - 1.0 s), or no intro at all.
    expect(parts.speech.start).toBeCloseTo({ default: 3.0, news: 1.8, minimal: 0 }[template]!, 3);
    // The first sentence's mark is the first sample of the narration.
    expect(firstCue.start).toBeCloseTo(parts.speech.start, 3);
    if (template === 'minimal') {
      expect(parts.intro).toBeUndefined();
      expect(parts.outro).toBeUndefined();
      expect(parts.speech.start).toBe(0);
    } else {
      // The intro overlaps the first words (crossfade); the outro follows the last word after a gap.
      expect(parts.speech.start).toBeLessThan(parts.intro!.end);
      expect(parts.outro!.start - parts.speech.end).toBeGreaterThanOrEqual(0.79);
      expect(parts.outro!.end).toBeCloseTo(manifest.durationSeconds, 3);
      // The decoded file is as long as the timeline says.
      const samples = await decode(join(dir, 'episode.mp3'), 8000);
      expect(Math.abs(samples.length / 8000 - manifest.durationSeconds)).toBeLessThan(0.05);
    }
    const cueList = cues(dir);
    expect(cueList.at(-1)!.end).toBeCloseTo(parts.speech.end, 2);
  });

  test('has ID3 tags: title, show, author, date, genre, comment, language, and a 1400 px square JPEG cover', async () => {
    const { metadata, manifest, dir } = episode();
    expect(metadata.common.title).toBe(manifest.title);
    expect(metadata.common.album).toBe(manifest.show);
    expect(metadata.common.artist).toBe(manifest.byline ?? manifest.source ?? manifest.show);
    expect(metadata.common.genre).toEqual(['Podcast']);
    expect(metadata.common.comment?.[0]?.text).toBe(manifest.description);
    const native = metadata.native['ID3v2.3'] ?? [];
    expect(native.find((tag) => tag.id === 'TLAN')?.value).toBe('eng');
    const picture = metadata.common.picture?.[0];
    expect(picture?.format).toBe('image/jpeg');
    const coverPath = join(dir, manifest.files.cover!);
    expect(Buffer.compare(Buffer.from(picture!.data), readFileSync(coverPath))).toBe(0);
    expect(statSync(coverPath).size).toBeLessThan(512 * 1024);
    const image = (await probe(coverPath)).streams[0]!;
    expect(image).toMatchObject({ codec_name: 'mjpeg', width: 1400, height: 1400 });
  });

  test('has chapters in the MP3 (CHAP + CTOC), chapters.json and transcript.vtt that agree', () => {
    const { metadata, manifest, dir } = episode();
    const json = JSON.parse(readFileSync(join(dir, 'chapters.json'), 'utf8')) as { version: string; chapters: { startTime: number; title: string }[] };
    expect(json.version).toBe('1.2.0');
    expect(json.chapters.map((chapter) => chapter.title)).toEqual(manifest.chapters.map((chapter) => chapter.title));
    expect(json.chapters[0]!.startTime).toBe(0);
    for (let i = 1; i < json.chapters.length; i++) expect(json.chapters[i]!.startTime).toBeGreaterThan(json.chapters[i - 1]!.startTime);
    const native = metadata.native['ID3v2.3'] ?? [];
    expect(native.filter((tag) => tag.id === 'CHAP')).toHaveLength(manifest.chapters.length);
    expect(native.filter((tag) => tag.id === 'CTOC')).toHaveLength(1);
    expect(metadata.format.chapters?.map((chapter) => chapter.title)).toEqual(json.chapters.map((chapter) => chapter.title));
    const vtt = readFileSync(join(dir, 'transcript.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const list = cues(dir);
    for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
    // Every chapter after the first starts on a sentence.
    for (const chapter of json.chapters.slice(1)) expect(Math.min(...list.map((cue) => Math.abs(cue.start - chapter.startTime)))).toBeLessThan(0.01);
  });
});

describe('the news template’s music bed', () => {
  test('sits at least 10 dB lower under speech than between speech', async () => {
    const { manifest, dir } = episodes.get('news')!;
    const bed = manifest.parts!.bed!;
    const rate = 8000;
    const samples = await decode(join(dir, 'episode.mp3'), rate);
    const list = cues(dir);
    // Under speech: the middle of every sentence inside the bed (away from the ramps).
    const under = list
      .filter((cue) => cue.end - cue.start > 0.8 && cue.end < bed.end - 0.5)
      .map((cue) => toneLevelDb(samples, rate, cue.start + 0.3, cue.end - 0.3, bedDroneHz));
    // Between speech: before the first word, after the bed has faded in.
    const lead = toneLevelDb(samples, rate, bed.start + 0.8, list[0]!.start - 0.3, bedDroneHz);
    expect(under.length).toBeGreaterThanOrEqual(2);
    for (const level of under) expect(lead - level).toBeGreaterThanOrEqual(10);
    // And after it has faded out, the drone is gone.
    const after = toneLevelDb(samples, rate, bed.end + 5, bed.end + 10, bedDroneHz);
    expect(lead - after).toBeGreaterThanOrEqual(20);
  });
});

describe('feed.xml, kept up to date by generate', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
  type Node = Record<string, unknown>;
  const feed = () => parser.parse(readFileSync(join(outDir, 'feed.xml'), 'utf8')) as { rss: Node & { channel: Node & { item: Node[] } } };

  test('is RSS 2.0 with the iTunes and Podcasting 2.0 namespaces and every tag Apple Podcasts requires', () => {
    const { rss } = feed();
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(rss['@xmlns:podcast']).toBe('https://podcastindex.org/namespace/1.0');
    const channel = rss.channel;
    expect(channel['title']).toBe('Newscast & Friends');
    for (const tag of ['description', 'language', 'link', 'itunes:author']) expect(channel[tag]).toBeTruthy();
    expect((channel['itunes:image'] as Node)['@href']).toBe('https://podcast.example.com/show/show-cover.jpg');
    expect((channel['itunes:category'] as Node)['@text']).toBe('News');
    expect(channel['itunes:explicit']).toBe('false');
    expect((channel['itunes:owner'] as Node)['itunes:email']).toBe('desk@example.com');
    expect(channel.item).toHaveLength(3);
  });

  test('has one item per episode: enclosure with the exact byte length, stable guid, duration, chapters and transcript', () => {
    const items = feed().rss.channel.item;
    for (const { manifest, dir } of episodes.values()) {
      const item = items.find((candidate) => candidate['title'] === manifest.title)!;
      expect(item).toBeDefined();
      const enclosure = item['enclosure'] as Node;
      expect(enclosure['@type']).toBe('audio/mpeg');
      expect(enclosure['@url']).toBe(`https://podcast.example.com/show/${manifest.slug}/episode.mp3`);
      expect(Number(enclosure['@length'])).toBe(statSync(join(dir, 'episode.mp3')).size);
      expect((item['guid'] as Node)['#text']).toBe(`newscast:${manifest.slug}`);
      expect(Number.isNaN(Date.parse(item['pubDate'] as string))).toBe(false);
      expect(Number(item['itunes:duration'])).toBe(Math.round(manifest.durationSeconds));
      expect(item['description']).toBe(manifest.description);
      expect((item['podcast:chapters'] as Node)['@type']).toBe('application/json+chapters');
      expect((item['podcast:chapters'] as Node)['@url']).toMatch(/\/chapters\.json$/);
      expect((item['podcast:transcript'] as Node)['@type']).toBe('text/vtt');
    }
  });

  test('`newscast feed` rebuilds it the same way, with the guids unchanged', async () => {
    const before = readFileSync(join(outDir, 'feed.xml'), 'utf8');
    const result = await runCli(['feed', outDir, '--base-url', 'https://podcast.example.com/show']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(outDir, 'feed.xml'), 'utf8')).toBe(before);
  });
});
