import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';
import { decode, levelDb, loudnessOf, probe, transcriptCues } from './audio-reader.js';
import { runCli } from './cli.js';

const fixtures = resolve('tests/fixtures/articles');
const story = (name: string) => join(fixtures, `bulletin-${name}`);
// Four stories of different lengths: 341, 107, 215 and 132 words; one plain text without a source.
const stories = ['bridge-inquiry.md', 'ferry-resumes.md', 'school-meals.md', 'orchestra-tour.txt'].map(story);
const titles = [
  'Inquiry finds warnings about Kettle Bridge cracks were ignored for six years',
  'Island ferry service resumes after three-day storm closure',
  'County to offer free school breakfasts in every primary school from January',
  'Youth orchestra returns from first overseas tour',
];
const work = mkdtempSync(join(tmpdir(), 'newscast-bulletin-'));
const env = { ...process.env, NEWSCAST_CACHE_DIR: join(work, 'cache') };
const bulletin = (args: string[]) => runCli(['bulletin', ...args, '--engine', 'flite-wasm'], { env });
const rate = 16000;

/** Transcript cue texts with their times, read from the VTT file alone. */
function cueTexts(dir: string): { start: number; text: string }[] {
  const blocks = readFileSync(join(dir, 'transcript.vtt'), 'utf8').split(/\n\n+/);
  const cues = transcriptCues(dir);
  const texts = blocks.filter((block) => block.includes('-->')).map((block) => block.split('\n').slice(block.split('\n').findIndex((line) => line.includes('-->')) + 1).join(' '));
  return cues.map((cue, index) => ({ start: cue.start, text: texts[index] ?? '' }));
}

describe('newscast bulletin: four stories with the news template', () => {
  let manifest: EpisodeManifest;
  let dir: string;
  let metadata: IAudioMetadata;
  let samples: Int16Array;

  beforeAll(async () => {
    const result = await bulletin([...stories, '-o', join(work, 'out'), '--json', '--template', 'news', '--title', 'Evening bulletin']);
    expect(result.code, result.stderr).toBe(0);
    manifest = JSON.parse(result.stdout);
    dir = join(work, 'out', manifest.slug);
    metadata = await parseFile(join(dir, 'episode.mp3'), { includeChapters: true });
    samples = await decode(join(dir, 'episode.mp3'), rate);
  }, 120_000);

  test('one chapter per story, plus intro, headlines and outro, in the MP3, chapters.json and the manifest', async () => {
    const expected = ['Introduction', 'Headlines', ...titles, 'Outro'];
    expect(metadata.format.chapters?.map((chapter) => chapter.title)).toEqual(expected);
    expect((await probe(join(dir, 'episode.mp3'))).chapters.map((chapter) => chapter.tags?.title)).toEqual(expected);
    expect(JSON.parse(readFileSync(join(dir, 'chapters.json'), 'utf8')).chapters.map((chapter: { title: string }) => chapter.title)).toEqual(expected);
    expect(manifest.chapters.map((chapter) => chapter.title)).toEqual(expected);
    expect(readdirSync(dir).sort()).toEqual(['chapters.json', 'cover.jpg', 'episode.json', 'episode.mp3', 'index.html', 'script.ssml', 'transcript.vtt']);
  });

  test("each story's chapter starts at its mark: its headline's cue, silence before, speech within 50 ms", () => {
    const cues = transcriptCues(dir).map((cue) => cue.start);
    for (const [index, chapter] of metadata.format.chapters!.entries()) {
      expect(Math.abs(chapter.start - manifest.chapters[index]!.start)).toBeLessThan(0.002);
      if (index === 0) continue;
      expect(Math.min(...cues.map((cue) => Math.abs(cue - chapter.start))), chapter.title).toBeLessThan(0.05);
    }
    for (const title of titles) {
      const chapter = metadata.format.chapters!.find((candidate) => candidate.title === title)!;
      const at = Math.round(chapter.start * rate);
      expect(levelDb(samples, at - 0.3 * rate, at - 0.05 * rate), `silence before ${title}`).toBeLessThan(-50);
      expect(samples.subarray(at, at + 0.05 * rate).some((sample) => Math.abs(sample) > 600), `speech within 50 ms of ${title}`).toBe(true);
    }
  });

  test('the sting sounds between stories, in the silence before the next story, on no word', () => {
    const spans = manifest.parts!.transitions!;
    expect(spans).toHaveLength(titles.length - 1);
    const storyStarts = titles.map((title) => manifest.chapters.find((chapter) => chapter.title === title)!.start);
    const cues = transcriptCues(dir);
    for (const [index, span] of spans.entries()) {
      expect(span.end - span.start).toBeCloseTo(1.6, 2);
      expect(span.start).toBeGreaterThan(storyStarts[index]!);
      expect(span.end).toBeLessThan(storyStarts[index + 1]!);
      expect(cues.some((cue) => cue.start < span.end && cue.end > span.start), 'no cue under the sting').toBe(false);
      // Heard: the sting's notes in the first half of its span.
      expect(levelDb(samples, span.start * rate, (span.start + 0.8) * rate)).toBeGreaterThan(-35);
    }
  });

  test('the roundup names every story (transcript), and the manifest lists each story with its chapter start', () => {
    const headlines = manifest.chapters.find((chapter) => chapter.title === 'Headlines')!;
    const roundup = cueTexts(dir)
      .filter((cue) => cue.start >= headlines.start - 0.01 && cue.start < headlines.end - 0.01)
      .map((cue) => cue.text)
      .join(' ');
    expect(roundup).toContain('The headlines.');
    for (const title of titles) expect(roundup).toContain(title);
    expect(manifest.stories!.map((entry) => entry.title)).toEqual(titles);
    expect(manifest.stories![0]).toMatchObject({ source: 'Northern Courier', url: 'https://northern-courier.example/inquiry/kettle-bridge-report', byline: 'Daniel Okafor', date: '2026-12-01' });
    for (const entry of manifest.stories!) expect(entry.chapterStart).toBe(manifest.chapters.find((chapter) => chapter.title === entry.title)!.start);
    expect(manifest.leftOut).toBeUndefined();
  });

  test('loudness of the final file: -16 LUFS within 1 LU, true peak at most -1 dBTP', async () => {
    const loudness = await loudnessOf(join(dir, 'episode.mp3'));
    expect(Math.abs(loudness.integrated + 16)).toBeLessThanOrEqual(1);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1);
  });

  test("the outro names the sources; the feed item's description lists the stories", async () => {
    const outro = manifest.chapters.at(-1)!;
    const said = cueTexts(dir).filter((cue) => cue.start >= outro.start - 0.01).map((cue) => cue.text).join(' ');
    expect(said).toContain('Northern Courier, Harbour Gazette, and Valley Times');
    const fed = await runCli(['feed', join(work, 'out')], { env });
    expect(fed.code, fed.stderr).toBe(0);
    const feed = readFileSync(join(work, 'out', 'feed.xml'), 'utf8');
    const description = /<item>[\s\S]*?<description>([^<]*)<\/description>/.exec(feed)![1]!;
    titles.forEach((title, index) => expect(description).toContain(`${index + 1}. ${title}`));
    expect(metadata.common.comment?.[0]?.text).toBe(manifest.description);
  });
});

describe('newscast script --bulletin, edited by hand, then render', () => {
  test('renders alone from the script: the edit is heard, stories and chapters kept', async () => {
    const scripted = await runCli(['script', '--bulletin', stories[1]!, stories[3]!], { env });
    expect(scripted.code, scripted.stderr).toBe(0);
    expect(scripted.stdout).toContain('In other news.');
    const edited = scripted.stdout.replace('sailed again on Sunday morning', 'sailed again on Sunday afternoon');
    expect(edited).not.toBe(scripted.stdout);
    writeFileSync(join(work, 'bulletin.ssml'), edited);
    const rendered = await runCli(['render', join(work, 'bulletin.ssml'), '-o', join(work, 'rendered'), '--json', '--quiet', '--engine', 'flite-wasm'], { env });
    expect(rendered.code, rendered.stderr).toBe(0);
    const manifest: EpisodeManifest = JSON.parse(rendered.stdout);
    expect(manifest.chapters.map((chapter) => chapter.title)).toEqual(['Introduction', 'Headlines', titles[1], titles[3], 'Outro']);
    expect(manifest.stories!.map((entry) => [entry.title, entry.chapterStart])).toEqual([titles[1], titles[3]].map((title) => [title, manifest.chapters.find((chapter) => chapter.title === title)!.start]));
    // The default title: the date and time the script was made, so hourly bulletins differ.
    expect(manifest.title).toMatch(/^News bulletin, [A-Z][a-z]+ \d{1,2}, \d{4}, \d\d:\d\d$/);
    const transcript = readFileSync(join(work, 'rendered', manifest.slug, 'transcript.vtt'), 'utf8');
    expect(transcript).toContain('Sunday afternoon');
    expect(transcript).not.toContain('Sunday morning');
  }, 120_000);
});

describe('the template travels in the script', () => {
  test('script --bulletin --template news, then render without --template: the sting plays between the stories', async () => {
    const scripted = await runCli(['script', '--bulletin', '--template', 'news', stories[1]!, stories[3]!], { env });
    expect(scripted.code, scripted.stderr).toBe(0);
    // Written for the news template's sting: nothing is said between the stories.
    expect(scripted.stdout).not.toContain('In other news.');
    expect(scripted.stdout).toContain('<meta name="newscast:template" content="news"/>');
    writeFileSync(join(work, 'news-bulletin.ssml'), scripted.stdout);
    const rendered = await runCli(['render', join(work, 'news-bulletin.ssml'), '-o', join(work, 'news-rendered'), '--json', '--quiet', '--engine', 'flite-wasm'], { env });
    expect(rendered.code, rendered.stderr).toBe(0);
    const manifest: EpisodeManifest = JSON.parse(rendered.stdout);
    expect(manifest.template).toBe('news');
    expect(manifest.parts!.transitions).toHaveLength(1);
    expect(rendered.stderr).not.toContain('warning');

    // Told to use a template without a sting, render says the stories will run together.
    const minimal = await runCli(['render', join(work, 'news-bulletin.ssml'), '-o', join(work, 'news-minimal'), '--quiet', '--engine', 'flite-wasm', '--template', 'minimal'], { env });
    expect(minimal.code, minimal.stderr).toBe(0);
    expect(minimal.stderr).toMatch(/warning: .*nothing is said between the stories.*template "minimal" has no transition clip.*--template news/);
  }, 120_000);

  test('a script naming a template that is not a built-in one is refused before any work (exit 2)', async () => {
    const scripted = await runCli(['script', '--bulletin', stories[1]!, stories[3]!], { env });
    const edited = scripted.stdout.replace('<meta name="newscast:title"', '<meta name="newscast:template" content="../../elsewhere"/><meta name="newscast:title"');
    writeFileSync(join(work, 'elsewhere.ssml'), edited);
    const out = join(work, 'elsewhere');
    const rendered = await runCli(['render', join(work, 'elsewhere.ssml'), '-o', out, '--engine', 'flite-wasm'], { env });
    expect(rendered.code).toBe(2);
    expect(rendered.stderr).toContain('"../../elsewhere"');
    expect(rendered.stderr).toContain('--template');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('--max-minutes', () => {
  test('cuts each story to its first paragraphs so the whole fits (decoded length within 5 s), and says what it cut', async () => {
    const result = await bulletin([...stories, '-o', join(work, 'short'), '--json', '--template', 'news', '--max-minutes', '2.5', '--title', 'Short bulletin']);
    expect(result.code, result.stderr).toBe(0);
    const manifest: EpisodeManifest = JSON.parse(result.stdout);
    const decoded = (await decode(join(work, 'short', manifest.slug, 'episode.mp3'), rate)).length / rate;
    expect(decoded).toBeLessThanOrEqual(150 + 5);
    expect(decoded).toBeGreaterThan(60);
    const note = /--max-minutes 2\.5: cut (\d) stories: (.*)/.exec(result.stderr);
    expect(note, result.stderr).not.toBeNull();
    // The longest story is cut; every story keeps at least its first paragraph and its chapter.
    expect(note![2]).toMatch(new RegExp(`"${titles[0]}" to [1-6] of 7 paragraphs`));
    expect(manifest.chapters.map((chapter) => chapter.title)).toEqual(['Introduction', 'Headlines', ...titles, 'Outro']);
    const script = readFileSync(join(work, 'short', manifest.slug, 'script.ssml'), 'utf8');
    expect(script).toContain('An independent inquiry into the closure of Kettle Bridge');
    expect(script).not.toContain('Residents&apos; groups said the apology came too late.');
  }, 120_000);

  test('a limit the first paragraphs cannot meet is refused with the length they need (exit 2)', async () => {
    const result = await bulletin([...stories, '-o', join(work, 'tiny'), '--max-minutes', '0.5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not fit in 0:30: with each story cut to its first paragraph it lasts \d:\d\d/);
    expect(result.stderr).toMatch(/--max-minutes \(at least \d\)/);
    expect(existsSync(join(work, 'tiny')) ? readdirSync(join(work, 'tiny')) : []).toEqual([]);
  }, 120_000);
});

describe('a bad article in a bulletin', () => {
  const empty = join(work, 'empty.txt');
  writeFileSync(empty, '');

  test('stops the bulletin with a message naming that article (exit 2), nothing written', async () => {
    const out = join(work, 'stopped');
    const result = await bulletin([stories[1]!, join(work, 'missing.md'), stories[3]!, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: Story 2 of 3 \(.*missing\.md\): /);
    expect(result.stderr).toContain('--skip-bad');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  test('--skip-bad goes on, says which stories were left out, and records them in the manifest', async () => {
    const result = await bulletin([stories[1]!, join(work, 'missing.md'), empty, stories[3]!, '-o', join(work, 'skipped'), '--json', '--skip-bad']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/left out story 2 of 4 \(.*missing\.md\)/);
    expect(result.stderr).toMatch(/left out story 3 of 4 \(.*empty\.txt\): .*empty\.txt is empty/);
    const manifest: EpisodeManifest = JSON.parse(result.stdout);
    expect(manifest.stories!.map((entry) => entry.title)).toEqual([titles[1], titles[3]]);
    // By file name only: the folder stays on the newsroom's disk.
    expect(manifest.leftOut!.map((entry) => entry.article)).toEqual(['missing.md', 'empty.txt']);
    expect(manifest.leftOut![1]).toEqual({ article: 'empty.txt', kind: 'input', reason: 'empty.txt is empty.' });
    expect(JSON.stringify(manifest.leftOut)).not.toContain(work);
  }, 120_000);

  test('script takes one article unless --bulletin, and bulletin options only with it (exit 2)', async () => {
    const several = await runCli(['script', stories[0]!, stories[1]!]);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('pass --bulletin');
    const stray = await runCli(['script', stories[0]!, '--headlines', '2']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('Add --bulletin');
    const bad = await runCli(['bulletin', stories[0]!, '--max-minutes', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-minutes.*minutes above 0/);
  });

  test('--help describes every option', async () => {
    const result = await runCli(['bulletin', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--output', '--title', '--headlines', '--max-minutes', '--skip-bad', '--engine', '--voice', '--template', '--rate', '--jobs', '--json', '--quiet', '--no-cache']) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe('the speech cache across episodes and bulletins', () => {
  test('a second bulletin sharing stories with a bulletin and an episode speaks only what is new', async () => {
    const { generateBulletin, generateEpisode } = await import('../../dist/index.js');
    const previous = process.env['NEWSCAST_CACHE_DIR'];
    process.env['NEWSCAST_CACHE_DIR'] = join(work, 'cache-reuse');
    try {
      const out = join(work, 'reuse');
      const counts = (details: string[]) => {
        const match = details.map((detail) => /(\d+) from the cache, (\d+) spoken/.exec(detail)).find(Boolean);
        return { hits: Number(match![1]), misses: Number(match![2]) };
      };
      const run = async (make: (onProgress: (event: { stage: string; detail?: string }) => void) => Promise<{ dir: string }>) => {
        const details: string[] = [];
        const episode = await make((event) => event.stage === 'render' && event.detail && details.push(event.detail));
        return { ...counts(details), runs: spokenRuns(join(episode.dir, 'script.ssml')) };
      };
      const library = story('library-hours.md');
      const single = await run((onProgress) => generateEpisode(library, { outDir: out, engine: 'flite-wasm', onProgress }));
      const first = await run((onProgress) => generateBulletin([stories[0]!, stories[1]!, stories[2]!], { outDir: out, engine: 'flite-wasm', title: 'Morning bulletin', onProgress }));
      const second = await run((onProgress) => generateBulletin([stories[1]!, library, stories[3]!, stories[2]!], { outDir: out, engine: 'flite-wasm', title: 'Midday bulletin', onProgress }));

      // Spoken before: every run of the single episode, then of the first bulletin. A text said twice
      // in one bulletin (a headline: in the roundup and opening its story) may be spoken twice when
      // both are asked for at once, so misses lie between the new texts and the new runs.
      const expectMisses = (runs: string[], known: Set<string>, misses: number) => {
        const fresh = runs.filter((text) => !known.has(text));
        expect(misses).toBeGreaterThanOrEqual(new Set(fresh).size);
        expect(misses).toBeLessThanOrEqual(fresh.length);
        return fresh;
      };
      expectMisses(first.runs, new Set(single.runs), first.misses);
      const fresh = expectMisses(second.runs, new Set([...single.runs, ...first.runs]), second.misses);
      expect(second.hits + second.misses).toBe(second.runs.length);
      // What is new: the new story (the orchestra) and the bulletin's own lines, never the shared stories.
      const midday = join(out, readdirSync(out).find((name) => name.startsWith('midday'))!, 'script.ssml');
      const orchestra = spokenRuns(midday, titles[3]);
      for (const text of orchestra) expect(fresh).toContain(text);
      // Shared: two stories of the first bulletin, and the story voiced as an episode of its own.
      const shared = [titles[1]!, titles[2]!, 'Town libraries to open on Sundays after record borrowing year'].flatMap((title) => spokenRuns(midday, title));
      expect(shared.length).toBeGreaterThan(15);
      for (const text of shared) expect(fresh).not.toContain(text);
      expect(second.misses).toBeLessThanOrEqual(orchestra.length + 8);
    } finally {
      if (previous === undefined) delete process.env['NEWSCAST_CACHE_DIR'];
      else process.env['NEWSCAST_CACHE_DIR'] = previous;
    }
  }, 180_000);
});

/** The text of every run the engine is asked to speak, in order; with a chapter title, that chapter's only. */
function spokenRuns(scriptPath: string, chapter?: string): string[] {
  const runs: string[] = [];
  let current: string | undefined;
  for (const item of parseSsml(readFileSync(scriptPath, 'utf8'))) {
    if (item.kind === 'mark' && item.name.startsWith('chapter:')) current = item.name.slice('chapter:'.length);
    if (item.kind === 'speech' && item.spoken && (chapter === undefined || current === chapter)) runs.push(item.spoken);
  }
  return runs;
}
