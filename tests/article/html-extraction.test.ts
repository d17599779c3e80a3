/**
 * What a listener hears of real-looking news pages: the story's paragraphs, and none of the
 * page furniture around them. Each page under tests/fixtures/pages/ (written for these tests)
 * has a masthead, navigation, a sidebar and a footer around one story carrying one class of
 * furniture that Readability keeps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

function spoken(page: string): { paragraphs: string[]; headings: string[] } {
  const article = parseHtml(readFileSync(new URL(`../fixtures/pages/${page}.html`, import.meta.url), 'utf8'));
  return {
    paragraphs: article.sections.flatMap((section) => section.paragraphs),
    headings: article.sections.flatMap((section) => (section.heading ? [section.heading] : [])),
  };
}

interface Case {
  page: string;
  /** The start of every story paragraph, in order. */
  story: string[];
  /** Furniture that must not be heard (nor be a chapter title). */
  furniture: string[];
}

const cases: Case[] = [
  {
    page: 'captions-and-figures',
    story: ['Floodwater began to drain', 'The river peaked', 'Volunteers from neighbouring villages', '"We have had water', 'The county council said', 'A public meeting'],
    furniture: ['Residents wade', 'Photograph:', 'Sandbags stacked', 'Fire crews pumped'],
  },
  {
    page: 'agency-credits',
    story: ['Grain shipments', 'About forty bulk carriers', 'The union representing', 'The transport ministry', '"Nobody wants the grain'],
    furniture: ['Cranes loaded', 'Photo by', 'Photo: Erik Lund', 'AP Photo'],
  },
  {
    page: 'source-and-provided-by',
    story: ['Household energy bills', 'The cap limits', 'Consumer groups welcomed', 'Suppliers said wholesale', 'The next change to the cap'],
    furniture: ['Provided by', 'Source: Office', 'A smart meter'],
  },
  {
    page: 'bracket-promos',
    story: ['Every ticket for the revival', 'The twelve-week run', 'The producers said they were talking', 'The box office said', "The theatre's director"],
    furniture: ['READ MORE', 'Star of the original cast', 'WATCH', 'Cast rehearse', 'INSIGHT', 'memoir tops the charts'],
  },
  {
    page: 'print-edition-trailer',
    story: ['A regional airline has ordered', 'The nine-seat planes', 'Executives said', 'The manufacturer said'],
    furniture: ['appears in print', 'Order Reprints', 'Today’s Paper'],
  },
  {
    page: 'newsletter-box',
    story: ['The central library will open', 'The council said the extra hours', 'Students preparing for exams', 'The first Sunday opening'],
    furniture: ['in your inbox', 'Sign up for our free', 'privacy notice', 'Subscribe to our newsletters'],
  },
  {
    page: 'paywall-continue-reading',
    story: ['Cabinet ministers are divided', 'The education department argues', 'A decision is expected', 'Vice-chancellors said'],
    furniture: ['Continue reading', 'Cancel anytime'],
  },
  {
    page: 'related-headlines',
    story: ['Night bus services', 'Three routes will run', 'Hospital staff had campaigned', 'The authority said the routes'],
    furniture: ['Read more', 'Tram extension', 'Fare rise approved', 'bus lane on King Street', 'Related', 'Cycle hire', 'Ring road roadworks'],
  },
  {
    page: 'author-social',
    story: ['A satellite launched last year', 'The team matched plumes', 'Regulators said', 'The researchers said the satellite'],
    furniture: ['Follow Ingrid', '@ihalvorsen', 'Email her', 'is a science correspondent'],
  },
  {
    page: 'gallery-and-video-labels',
    story: ['City won the league title', 'Both goals came', "It is the club's first championship", 'An open-top bus parade'],
    furniture: ['Image 1 of 3', 'Image 2 of 3', 'Fans invade', 'Video: Highlights', 'Duration', 'WATCH'],
  },
  {
    page: 'review-score-box',
    story: ['The Aurora X2 are the most comfortable', 'Noise cancelling is very good', 'Sound is warm', 'The carrying case'],
    furniture: ['Score: 8/10', 'Pros:', 'Cons:', 'Buy now', 'Verdict', 'Rating'],
  },
  {
    page: 'heading-paragraphs',
    story: [
      'The number of patients waiting for planned treatment fell',
      'Waiting lists for planned hospital treatment',
      'About 7.4 million',
      'The longest waits',
      'Health leaders said the improvement',
      'Emergency departments',
      'The health secretary',
    ],
    furniture: ['Updated 14:32', '9 March 2024, 10:05'],
  },
  {
    page: 'terms-of-service',
    story: ['Ferry fares for people', 'Fares for visitors', 'The operator said the freeze', 'Island councillors'],
    furniture: ['Terms of Use', 'commission', 'copyright', 'cookies'],
  },
];

describe('the spoken body of a news page', () => {
  test.each(cases)('$page: the story and none of the furniture', ({ page, story, furniture }) => {
    const { paragraphs, headings } = spoken(page);
    expect(paragraphs.map((paragraph, index) => (story[index] && paragraph.startsWith(story[index]) ? story[index] : paragraph))).toEqual(story);
    for (const text of [...paragraphs, ...headings]) {
      for (const piece of furniture) expect(text, `"${piece}" is furniture`).not.toContain(piece);
    }
  });

  test('a short sub-heading stays a chapter title; a heading that is a sentence is read as a paragraph', () => {
    expect(spoken('heading-paragraphs').headings).toEqual(['What the figures show']);
  });

  test('a page holding only a loading notice is an input error, not a one-word story', () => {
    const page = '<!DOCTYPE html><html><body><nav><a href="/">Home</a></nav><main><p>Loading…</p></main><footer>© 2024 Example</footer></body></html>';
    expect(() => parseHtml(page)).toThrow(expect.objectContaining({ kind: 'input', message: expect.stringMatching(/No article/) }));
  });

  test('a page whose only text is navigation and furniture is an input error with exit 2', () => {
    const page = readFileSync(new URL('../fixtures/pages/terms-of-service.html', import.meta.url), 'utf8').replace(/<main[\s\S]*<\/main>/, '<main><p>Loading…</p></main>');
    expect(() => parseHtml(page)).toThrow(expect.objectContaining({ kind: 'input', message: expect.stringMatching(/No article/) }));
  });
});
