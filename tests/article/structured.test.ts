import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';
import { parseMarkdown } from '../../src/article/markdown.js';
import { articleFromBlocks, type Block } from '../../src/article/structured.js';

const standfirst =
  'Ministers have promised to clear the backlog of 7,000 asylum appeals by the end of the year, but tribunal judges say they have neither the staff nor the rooms to do it.';
const lead = 'The Home Office said on Monday that it would hire 300 more caseworkers and open two new hearing centres in Leeds and Cardiff before the summer recess.';
const second = 'Judges told the justice committee last month that hearings were being listed for dates in 2027, and that interpreters were cancelling at short notice.';
const third = 'The shadow home secretary said the promise had been made before and broken before, and called for an independent review of the appeals system.';

describe('a paragraph dressed as a heading is read as a paragraph', () => {
  test('Markdown: a standfirst marked up as ## is the first paragraph, not a chapter title', () => {
    const article = parseMarkdown(`# Asylum appeals backlog to be cleared by December, ministers say\n\n## ${standfirst}\n\n${lead}\n\n${second}\n\n## What the judges said\n\n${third}`);
    expect(article.sections).toEqual([
      { paragraphs: [standfirst, lead, second] },
      { heading: 'What the judges said', paragraphs: [third] },
    ]);
  });

  test('HTML: a story paragraph inside an <h3> in the middle of the story is read in its place', () => {
    const html = `<!DOCTYPE html><html><head><title>Asylum appeals backlog</title></head><body><main><article><h1>Asylum appeals backlog to be cleared by December</h1><p>${lead}</p><h3>${second}</h3><p>${third}</p><p>${lead}</p></article></main></body></html>`;
    const article = parseHtml(html);
    expect(article.sections.map((section) => section.heading)).toEqual([undefined]);
    expect(article.sections[0]?.paragraphs).toEqual([lead, second, third, lead]);
  });

  test('a long heading without a full stop (over 100 characters) is prose too', () => {
    const long = 'Tribunal judges say they have neither the staff nor the rooms to hear 7,000 appeals before the end of the year';
    const article = articleFromBlocks([{ kind: 'paragraph', text: lead }, { kind: 'heading', text: long }, { kind: 'paragraph', text: second }], {});
    expect(article.sections).toEqual([{ paragraphs: [lead, long, second] }]);
  });

  test('real subheadings stay headings, questions and short sentences included', () => {
    const headings = ['What happens next', 'Why are appeals taking so long?', 'Analysis: a promise made before', 'The verdict.'];
    const blocks: Block[] = headings.flatMap((heading) => [
      { kind: 'heading', text: heading },
      { kind: 'paragraph', text: lead },
    ]);
    expect(articleFromBlocks(blocks, {}).sections.map((section) => section.heading)).toEqual(headings);
  });
});

describe('a timestamp is not a chapter', () => {
  test.each([
    'Updated 14:32 GMT, 3 March 2025',
    'Published: 3 March 2025 at 9.15am',
    'Monday 3 March 2025 14.32 GMT',
    'Last updated on March 3, 2025',
  ])('%s', (stamp) => {
    const article = parseMarkdown(`# Asylum appeals backlog to be cleared by December\n\n### ${stamp}\n\n${lead}\n\n${second}\n\n## What the judges said\n\n${third}`);
    expect(article.sections.map((section) => section.heading)).toEqual([undefined, 'What the judges said']);
    expect(article.sections.flatMap((section) => section.paragraphs)).toEqual([lead, second, third]);
    expect(article.date).toBe('2025-03-03');
  });

  test('"Updated 2 hours ago" is a time stamp; "Updated guidance for 2025 exams" is a heading', () => {
    const blocks: Block[] = [
      { kind: 'paragraph', text: lead },
      { kind: 'heading', text: 'Updated 2 hours ago' },
      { kind: 'paragraph', text: second },
      { kind: 'heading', text: 'Updated guidance for 2025 exams' },
      { kind: 'paragraph', text: third },
    ];
    expect(articleFromBlocks(blocks, {}).sections).toEqual([
      { paragraphs: [lead, second] },
      { heading: 'Updated guidance for 2025 exams', paragraphs: [third] },
    ]);
  });

  test('a date given by the page wins over a timestamp heading', () => {
    const article = articleFromBlocks([{ kind: 'heading', text: 'Updated 14:32 GMT, 3 March 2025' }, { kind: 'paragraph', text: lead }], { date: '2025-03-01' });
    expect(article.date).toBe('2025-03-01');
    expect(article.sections).toEqual([{ paragraphs: [lead] }]);
  });
});
