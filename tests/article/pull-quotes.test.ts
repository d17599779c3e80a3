/**
 * A pull quote repeats a line of the story in large type beside it, for the eye: read aloud, the
 * listener hears the line twice, and its attribution ("Harbour master Ana Lind") as a line of its own.
 */
import { expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

const paragraphs = [
  'The harbour board voted on Tuesday to keep ferry fares frozen for another year, despite a rise in fuel costs of nearly a fifth.',
  'Islanders had campaigned for the freeze since the spring, when the operator first warned that prices might have to go up in the autumn.',
  '“Since 2019, not a single sailing has been cancelled for lack of money, and we mean to keep it that way,” said harbour master Ana Lind, who chairs the board.',
  'The operator said it would look for savings elsewhere, including a new timetable for the winter months that drops two late crossings.',
];

function page(pullQuote: string): string {
  return `<!DOCTYPE html><html><head><title>Ferry fares frozen for another year</title></head><body>
<main><article><h1>Ferry fares frozen for another year</h1>
<p>${paragraphs[0]}</p><p>${paragraphs[1]}</p>
${pullQuote}
<p>${paragraphs[2]}</p><p>${paragraphs[3]}</p>
</article></main></body></html>`;
}

function spoken(html: string): string[] {
  return parseHtml(html).sections.flatMap((section) => section.paragraphs);
}

test('a pull quote and its attribution are not read; the story line it repeats is', () => {
  const heard = spoken(
    page(`<div class="enhancement"><div class="quote-box"><blockquote>Since 2019, not a single sailing has been cancelled for lack of money.</blockquote>
<div class="quote-attribution">Harbour master Ana Lind</div></div></div>`),
  );
  expect(heard).toEqual(paragraphs);
});

test('a quotation set as a blockquote that the story does not repeat is read', () => {
  const letter = 'We ask the board to think again about the winter timetable, which leaves the island without a late crossing four nights a week.';
  const heard = spoken(page(`<blockquote><p>${letter}</p></blockquote>`));
  expect(heard).toContain(letter);
});
