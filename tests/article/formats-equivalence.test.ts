import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { parseArticle } from '../../src/article/formats.js';
import { buildScript } from '../../src/script/build.js';
import { scriptOutline } from '../script/script-outline.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
const example = readFileSync(new URL('../../examples/us-strikes-iraq.txt', import.meta.url), 'utf8');

/** Parses like `newscast script` would, the plain text with the structured version's title. */
function parse(name: string, text: string, title?: string): Promise<Article> {
  return parseArticle(name, text, title ? { title } : {});
}

const script = (article: Article): ReturnType<typeof scriptOutline> => scriptOutline(buildScript(article, { showName: 'Newscast' }));

/** Body chapters only: intro and outro depend on metadata that formats carry differently. */
const body = (outline: ReturnType<typeof scriptOutline>) => outline.filter((chapter) => !['Introduction', 'Outro'].includes(chapter.title));

describe('the example article in three formats', async () => {
  const plain = await parse('us-strikes-iraq.txt', example);
  for (const name of ['us-strikes-iraq.md', 'us-strikes-iraq.html']) {
    test(`${name} gives the same script as the plain text, intro and outro included`, async () => {
      const article = await parse(name, fixture(name));
      expect(article.title).toBe(plain.title);
      expect(article.source).toBe('Rappler.com');
      expect(article.dateline).toBe('AIN AL-ASAD');
      expect(article.caption).toMatch(/^AIN AL-ASAD\. Military vehicles/);
      expect(script(article)).toEqual(script(plain));
    });
  }
});

describe('the river story (title line, byline, date, five subheadings)', () => {
  const text = fixture('long-river-restoration.txt');
  for (const name of ['long-river-restoration.md', 'long-river-restoration.html']) {
    test(`${name} has the plain text's chapters and sentences`, async () => {
      const article = await parse(name, fixture(name));
      const plain = await parse('long-river-restoration.txt', text);
      expect(article.title).toBe(plain.title);
      expect(article.byline).toBe('Priya Natarajan');
      expect(article.date).toBe('2024-03-04');
      expect(article.sections.map((section) => section.heading)).toEqual(plain.sections.map((section) => section.heading));
      const outline = script(article);
      expect(outline.map((chapter) => chapter.title)).toEqual(script(plain).map((chapter) => chapter.title));
      expect(body(outline)).toEqual(body(script(plain)));
    });
  }

  test('nothing from the page around the story is read', async () => {
    const spoken = script(await parse('long-river-restoration.html', fixture('long-river-restoration.html')))
      .flatMap((chapter) => chapter.sentences.map((sentence) => sentence.written))
      .join(' ');
    for (const clutter of ['cookies', 'Advertisement', 'Related stories', 'Subscribe', 'newsletter', 'All rights reserved', 'Share on', 'Most read', 'Photograph', 'googletag', 'Home']) {
      expect(spoken).not.toContain(clutter);
    }
  });
});
