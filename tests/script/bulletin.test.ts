import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { parseArticle } from '../../src/article/formats.js';
import { parsePlainText } from '../../src/article/plain-text.js';
import { buildScript } from '../../src/script/build.js';
import { buildBulletinScript, bulletinDescription, defaultBulletinTitle } from '../../src/script/bulletin.js';
import { transitionMarkName } from '../../src/script/marks.js';
import { readScriptMetadata } from '../../src/script/metadata.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';
import { scriptOutline } from './script-outline.js';

const fixture = (name: string) => new URL(`../fixtures/articles/${name}`, import.meta.url);
const read = async (name: string): Promise<Article> => parseArticle(fixture(name).pathname, readFileSync(fixture(name), 'utf8'), { sourceName: name });

const names = ['bulletin-bridge-inquiry.md', 'bulletin-ferry-resumes.md', 'bulletin-school-meals.md', 'bulletin-orchestra-tour.txt'];
const stories = await Promise.all(names.map(read));
const options = { showName: 'Newscast', title: 'Evening bulletin' };

describe('a bulletin script of four stories', () => {
  const ssml = buildBulletinScript(stories, options);
  const outline = scriptOutline(ssml);

  test('intro, headlines, one chapter per story titled by its headline, in the order given, and the outro', () => {
    expect(outline.map((chapter) => chapter.title)).toEqual(['Introduction', 'Headlines', ...stories.map((story) => story.title), 'Outro']);
    expect(outline[0]!.sentences.map((sentence) => sentence.written)).toEqual(['This is Newscast.', 'Evening bulletin.']);
  });

  test('the roundup names every story, one line each, from its title', () => {
    const roundup = outline[1]!.sentences.map((sentence) => sentence.written);
    expect(roundup).toEqual(['The headlines.', ...stories.map((story) => `${story.title}.`)]);
  });

  test('each story opens with its headline, then reads exactly what its own episode reads', () => {
    // With a transition clip, nothing is said between stories: a chapter holds its story alone.
    const withClip = scriptOutline(buildBulletinScript(stories, { ...options, transitionClip: true }));
    for (const [index, story] of stories.entries()) {
      const chapter = withClip[index + 2]!;
      expect(chapter.sentences[0]!.written).toBe(`${story.title}.`);
      // The single-story script's body: what the speech cache holds for that story.
      const single = scriptOutline(buildScript(story, { showName: 'Newscast' })).slice(1, -1).flatMap((part) => part.sentences);
      expect(chapter.sentences.slice(1)).toEqual(single);
    }
  });

  test('a transition mark between stories, and a short spoken line there when the template has no clip', () => {
    const timeline = parseSsml(ssml);
    expect(timeline.filter((item) => item.kind === 'mark' && item.name === transitionMarkName)).toHaveLength(stories.length - 1);
    const spoken = timeline.filter((item) => item.kind === 'speech').map((item) => item.kind === 'speech' && item.written);
    expect(spoken).toContain('In other news.');
    const withClip = buildBulletinScript(stories, { ...options, transitionClip: true });
    expect(parseSsml(withClip).filter((item) => item.kind === 'mark' && item.name === transitionMarkName)).toHaveLength(stories.length - 1);
    expect(withClip).not.toContain('In other news.');
    // The transition comes before the next story's chapter mark: the chapter starts on its headline.
    expect(withClip.indexOf(`<mark name="${transitionMarkName}"/>`)).toBeLessThan(withClip.indexOf(`<mark name="chapter:${stories[1]!.title}"/>`));
  });

  test('the outro names each source once', () => {
    const outro = outline.at(-1)!.sentences.map((sentence) => sentence.written);
    expect(outro[0]).toBe('Stories in this bulletin came from Northern Courier, Harbour Gazette, and Valley Times.');
    expect(outro).toContain('Thanks for listening to Newscast.');
  });

  test('the script carries each story, the bulletin date and a description listing the stories', () => {
    const metadata = readScriptMetadata(ssml);
    expect(metadata.title).toBe('Evening bulletin');
    expect(metadata.date).toBe('2026-12-01');
    expect(metadata.stories).toEqual([
      { title: stories[0]!.title, source: 'Northern Courier', byline: 'Daniel Okafor', date: '2026-12-01', url: 'https://northern-courier.example/inquiry/kettle-bridge-report' },
      { title: stories[1]!.title, source: 'Harbour Gazette', byline: 'Tomas Reyes', date: '2026-11-30', url: 'https://harbour-gazette.example/news/ferry-service-resumes' },
      { title: stories[2]!.title, source: 'Valley Times', byline: 'Aisha Rahman', date: '2026-11-29', url: 'https://valleytimes.example/education/free-school-breakfasts' },
      { title: stories[3]!.title, byline: 'Maria Lindqvist', date: '2026-11-28' },
    ]);
    expect(metadata.description).toBe(bulletinDescription('Evening bulletin', stories));
    expect(metadata.description).toContain('Evening bulletin. In this bulletin: 1. Inquiry finds');
    expect(metadata.description).toContain('2. Island ferry service resumes after three-day storm closure (Harbour Gazette); 3.');
    expect(bulletinDescription('What happened today?', stories.slice(3))).toBe('What happened today? In this bulletin: 1. Youth orchestra returns from first overseas tour.');
  });
});

test('--headlines: the roundup names the first N stories; every story is still read', () => {
  const outline = scriptOutline(buildBulletinScript(stories, { ...options, headlines: 2 }));
  expect(outline[1]!.sentences.map((sentence) => sentence.written)).toEqual(['The headlines.', `${stories[0]!.title}.`, `${stories[1]!.title}.`]);
  expect(outline).toHaveLength(stories.length + 3);
});

test('a long story gets chapters of its own, in the flat list, titled after its headline', () => {
  const long = parsePlainText(readFileSync(fixture('long-river-restoration.txt'), 'utf8'));
  const titles = scriptOutline(buildBulletinScript([stories[1]!, long], options)).map((chapter) => chapter.title);
  const own = titles.filter((title) => title.startsWith(`${long.title}: `));
  expect(own.length).toBeGreaterThanOrEqual(2);
  expect(titles.indexOf(long.title)).toBe(titles.indexOf(own[0]!) - 1);
});

test('a headline that is the start of the lead is not said twice', () => {
  const story: Article = { title: 'Fire crews tackle a blaze at the old mill', sections: [{ paragraphs: ['Fire crews tackle a blaze at the old mill on Harbour Road, where smoke could be seen for miles.'] }] };
  const chapter = scriptOutline(buildBulletinScript([stories[1]!, story], options)).find((part) => part.title === story.title)!;
  expect(chapter.sentences.map((sentence) => sentence.written)).toEqual([story.sections[0]!.paragraphs[0]]);
});

test('hostile titles and sources stay text: well-formed SSML, metadata read back as written', () => {
  const hostile: Article = {
    title: 'Tags & "quotes" <b>break</b> ]]> the <mark name="evil"/> test',
    source: 'Acme & Sons <News>',
    sections: [{ paragraphs: ['Engineers said the </speak> tag & "quotes" must survive.'] }],
  };
  const ssml = buildBulletinScript([hostile, stories[1]!], { ...options, title: 'Show & <Tell>' });
  const outline = scriptOutline(ssml);
  expect(outline.map((chapter) => chapter.title)).toContain(hostile.title);
  expect(outline[1]!.sentences[1]!.written).toBe(`${hostile.title}.`);
  expect(outline.at(-1)!.sentences[0]!.written).toContain('Acme & Sons <News>');
  expect(readScriptMetadata(ssml).stories?.[0]).toEqual({ title: hostile.title, source: hostile.source });
  expect(readScriptMetadata(ssml).title).toBe('Show & <Tell>');
});

test('a story meta element that is not a story is an input error naming its place', () => {
  const ssml = buildBulletinScript(stories.slice(0, 2), options).replace(/<meta name="newscast:story" content="[^"]*"/, '<meta name="newscast:story" content="{oops"');
  expect(() => readScriptMetadata(ssml, 'b.ssml')).toThrow(/b\.ssml:\d+:\d+: the content of <meta name="newscast:story"> is not the JSON object newscast wrote there/);
});

test('the default title names the local date and time it is made at, so hourly bulletins differ', () => {
  // Local times: the title is the newsroom's clock, whatever the time zone.
  expect(defaultBulletinTitle(new Date(2026, 11, 1, 14, 0))).toBe('News bulletin, December 1, 2026, 14:00');
  expect(defaultBulletinTitle(new Date(2026, 11, 1, 15, 0))).toBe('News bulletin, December 1, 2026, 15:00');
  // Just after midnight it is the new day's bulletin, whatever its stories' dates.
  expect(defaultBulletinTitle(new Date(2026, 2, 4, 0, 5))).toBe('News bulletin, March 4, 2026, 00:05');
});
