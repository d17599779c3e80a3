import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../src/article/markdown.js';
import { parsePlainText } from '../../src/article/plain-text.js';
import { buildScript } from '../../src/script/build.js';
import { scriptOutline } from '../script/script-outline.js';

const paragraphs = (article: { sections: { paragraphs: string[] }[] }) => article.sections.flatMap((section) => section.paragraphs);

describe('character references in plain text are decoded before anything else', () => {
  const exported = [
    'Council approves &#163;8m flood defence scheme for Hebden Bridge',
    'The council&rsquo;s planning committee voted 7&ndash;2 on Tuesday to approve the &#x00A3;8m scheme, which will raise walls along the Calder &amp; Hebble canal.',
    'Residents&nbsp;said the work was &ldquo;long overdue&rdquo;.',
  ].join('\n\n');
  const article = parsePlainText(exported);

  test('in the title', () => {
    expect(article.title).toBe('Council approves £8m flood defence scheme for Hebden Bridge');
  });

  test('in the story: numeric, hexadecimal and named references, no-break spaces collapsed', () => {
    expect(paragraphs(article)).toEqual([
      'The council’s planning committee voted 7–2 on Tuesday to approve the £8m scheme, which will raise walls along the Calder & Hebble canal.',
      'Residents said the work was “long overdue”.',
    ]);
  });

  test('the intro says pounds, never "and number one hundred sixty-three"', () => {
    const intro = scriptOutline(buildScript(article, { showName: 'Calder Valley News' }))[0]!;
    const spoken = intro.sentences.map((sentence) => sentence.spoken).join(' ');
    expect(spoken).toContain('eight million pounds');
    expect(spoken).not.toMatch(/number|one hundred sixty/);
  });

  test('ampersands that are not references stay as written, and nothing is decoded twice', () => {
    const text = 'The R&D budget at AT&T rose. A page showed &amp;#163; where the pound sign should be.';
    expect(paragraphs(parsePlainText(text))).toEqual(['The R&D budget at AT&T rose. A page showed &#163; where the pound sign should be.']);
  });
});

describe('character references in Markdown', () => {
  test('in front matter, headings and text', () => {
    const article = parseMarkdown(
      '---\ntitle: "Council&rsquo;s &#163;8m flood scheme approved"\n---\n\nThe committee voted 7&ndash;2.\n\n## What happens next &amp; when\n\nWork starts in&nbsp;May.',
    );
    expect(article.title).toBe('Council’s £8m flood scheme approved');
    expect(article.sections).toEqual([
      { paragraphs: ['The committee voted 7–2.'] },
      { heading: 'What happens next & when', paragraphs: ['Work starts in May.'] },
    ]);
  });

  test('a reference never makes Markdown syntax, and a code span is read as written', () => {
    const article = parseMarkdown('# Escaping\n\nA &#96;literal&#96; backtick, a &#42;star&#42; and the tag `&amp;nbsp;` in code.');
    expect(paragraphs(article)).toEqual(['A `literal` backtick, a *star* and the tag &amp;nbsp; in code.']);
  });
});
