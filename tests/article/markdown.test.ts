import { describe, expect, test } from 'vitest';
import { formatFor } from '../../src/article/formats.js';
import { parseMarkdown } from '../../src/article/markdown.js';

describe('parseMarkdown', () => {
  test('the first H1 is the title; other headings start sections', () => {
    const article = parseMarkdown('# The headline\n\nLead paragraph here.\n\n## Background\n\nMore text.\n\n# Second H1\n\nEven more.');
    expect(article.title).toBe('The headline');
    expect(article.sections).toEqual([
      { paragraphs: ['Lead paragraph here.'] },
      { heading: 'Background', paragraphs: ['More text.'] },
      { heading: 'Second H1', paragraphs: ['Even more.'] },
    ]);
  });

  test('links read as their text; emphasis, code spans and entities as plain words', () => {
    const article = parseMarkdown('Officials met [Al-Sudani](https://x.example/a "bio") in *Baghdad* on **Tuesday**, ~~Monday~~ &amp; used `curl` at&nbsp;noon.');
    expect(article.sections[0]?.paragraphs).toEqual(['Officials met Al-Sudani in Baghdad on Tuesday, Monday & used curl at noon.']);
  });

  test('images, code blocks, tables, rules and HTML blocks are not read; quotes and list items are', () => {
    const article = parseMarkdown(
      '![A photo](p.jpg)\n\nFirst paragraph.\n\n```js\nconsole.log(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n<div class="ad">Buy now</div>\n\n> A quoted paragraph.\n\n- one item\n- another item\n',
    );
    expect(article.sections[0]?.paragraphs).toEqual(['First paragraph.', 'A quoted paragraph.', 'one item', 'another item']);
  });

  test('an emphasised paragraph right after an image is its caption, with the dateline place', () => {
    const article = parseMarkdown('# T\n\n![x](p.jpg)\n*BAGHDAD. Soldiers are seen at a base, January 13, 2020.*\n\nThe story.');
    expect(article.caption).toBe('BAGHDAD. Soldiers are seen at a base, January 13, 2020.');
    expect(article.dateline).toBe('BAGHDAD');
    expect(article.sections[0]?.paragraphs).toEqual(['The story.']);
  });

  test('front matter gives title, author and date, and wins over the H1', () => {
    const article = parseMarkdown('---\ntitle: "Ports: a deal"\nauthor: Jane Doe\ndate: 2023-11-21T10:00:00Z\nsource: Reuters\ntags: [a, b]\n---\n# Other\n\nText.');
    expect(article).toMatchObject({ title: 'Ports: a deal', byline: 'Jane Doe', date: '2023-11-21', source: 'Reuters' });
    expect(article.sections[0]).toEqual({ heading: 'Other', paragraphs: ['Text.'] });
  });

  test('plain-text furniture rules still apply: byline, date line, dateline, credit', () => {
    const article = parseMarkdown('# Title\n\nBy Jane Doe\n\nNovember 21, 2023\n\nWASHINGTON (Reuters) - The lead.\n\nThe end. – Rappler.com');
    expect(article).toMatchObject({ byline: 'Jane Doe', date: '2023-11-21', dateline: 'WASHINGTON', source: 'Rappler.com' });
    expect(article.sections[0]?.paragraphs).toEqual(['The lead.', 'The end.']);
  });

  test('without an H1 or front matter the title is cut from the lead', () => {
    expect(parseMarkdown('The council voted on Monday to close the old bridge to traffic.').title).toBe('The council voted on Monday to close the old bridge to traffic');
  });
});

describe('format detection from content (stdin, no extension)', () => {
  test.each([
    ['---\ntitle: x\n---\ntext', 'Markdown'],
    ['# Heading\n\ntext', 'Markdown'],
    ['See [the report](https://example.org).', 'Markdown'],
    ['<!doctype html><p>x</p>', 'HTML'],
    ['  <html lang="en"><body>x</body></html>', 'HTML'],
    ['<article><p>Story</p></article>', 'HTML'],
    ['Plain words. #hashtag and 5 * 3 = 15.\n\nA second paragraph.', 'plain text'],
    ['Prices rose 3% - a <b>bold</b> claim.', 'plain text'],
  ])('%j is %s', (text, name) => {
    expect(formatFor(undefined, text).name).toBe(name);
  });

  test('the extension wins over the content', () => {
    expect(formatFor('story.txt', '# Not a heading').name).toBe('plain text');
    expect(formatFor('story.markdown', 'text').name).toBe('Markdown');
    expect(formatFor('page.HTM', 'text').name).toBe('HTML');
  });
});
