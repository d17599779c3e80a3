/** The dateline opening a wire story, cut off the lead: the place and agency are not read as the story's first words. */
import { describe, expect, test } from 'vitest';
import { parseDateline } from '../../src/article/dateline.js';
import { parseHtml } from '../../src/article/html.js';

describe('parseDateline', () => {
  test.each([
    ['LONDON (Wire) — Ferry fares will be frozen.', 'LONDON', 'Wire', 'Ferry fares will be frozen.'],
    // Pages that drop the dash leave the agency glued to the first word.
    ['Hong Kong (Wire Business)Shares fell in early trading.', 'Hong Kong', 'Wire Business', 'Shares fell in early trading.'],
    ['(Wire)The mayor said on Friday that the bridge would reopen.', undefined, 'Wire', 'The mayor said on Friday that the bridge would reopen.'],
    ['Washington (Wire)“We are not done,” the senator said.', 'Washington', 'Wire', '“We are not done,” the senator said.'],
  ])('%s', (paragraph, place, agency, rest) => {
    expect(parseDateline(paragraph)).toEqual({ ...(place ? { place } : {}), agency, rest });
  });

  test.each([
    'The council (which meets on Fridays) said the bridge would reopen.',
    'Shares in Harbour Holdings (HHL) fell sharply.',
    'Ferry fares will be frozen (for now).',
  ])('no dateline: %s', (paragraph) => {
    expect(parseDateline(paragraph)).toBeUndefined();
  });
});

test('a glued dateline is not read as the lead; the place is the article dateline', () => {
  const lead = 'A muddled view of the trade talks once again weighed on investors in Asia on Tuesday, as the main indexes opened mixed.';
  const page = `<!DOCTYPE html><html><head><title>Investors unsure about trade talks</title></head><body><main><article><h1>Investors unsure about trade talks</h1>
<p>Hong Kong (Wire Business)${lead}</p>
<p>Japan's main index fell slightly in early trading, while shares in Seoul rose after the central bank held its rate, traders said.</p>
<p>Analysts said that a deal had seemed close for weeks, but that neither side had shown any sign of giving ground on tariffs.</p></article></main></body></html>`;
  const article = parseHtml(page);
  expect(article.sections[0]?.paragraphs[0]).toBe(lead);
  expect(article.dateline).toBe('Hong Kong');
});
