import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

const filler = 'The committee heard evidence from engineers, residents and business owners over three long days of hearings in the town hall.';

function page(head: string, article: string, around = ''): string {
  return `<!DOCTYPE html><html><head><title>Site title | Example News</title>${head}</head><body>${around}<main><article>${article}</article></main>${around}</body></html>`;
}

describe('parseHtml', () => {
  test('title, byline, date and source from the markup', () => {
    const article = parseHtml(
      page(
        '<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2023-11-21T09:00:00Z">',
        `<h1>Council backs new ferry timetable</h1><p class="byline">By <a rel="author">Ana Reyes</a></p><p>${filler}</p><p>${filler}</p>`,
      ),
    );
    expect(article).toMatchObject({ title: 'Council backs new ferry timetable', byline: 'Ana Reyes', date: '2023-11-21', source: 'Example News' });
    expect(article.sections[0]?.paragraphs).toEqual([filler, filler]);
  });

  test('the canonical address is the article URL; anything but a web address is ignored', () => {
    const body = `<h1>Headline</h1><p>${filler}</p><p>${filler}</p>`;
    expect(parseHtml(page('<link rel="canonical" href="https://example.com/news/ferry">', body)).url).toBe('https://example.com/news/ferry');
    expect(parseHtml(page('<meta property="og:url" content="https://example.com/og">', body)).url).toBe('https://example.com/og');
    expect(parseHtml(page('<link rel="canonical" href="javascript:alert(1)">', body)).url).toBeUndefined();
  });

  test('<time datetime> gives the date when no meta tag does', () => {
    const article = parseHtml(page('', `<h1>Headline</h1><p><time datetime="2024-03-04">4 March 2024</time></p><p>${filler}</p><p>${filler}</p>`));
    expect(article.date).toBe('2024-03-04');
  });

  test('headings inside the article start sections; the title heading is not repeated', () => {
    const article = parseHtml(page('', `<h1>Headline</h1><p>${filler}</p><h2>What happens next</h2><p>${filler}</p>`));
    expect(article.sections.map((section) => section.heading)).toEqual([undefined, 'What happens next']);
  });

  test('navigation, ads, scripts, figures, forms and asides are not read', () => {
    const around = '<nav><a href="/">Home</a></nav><div class="cookie-banner"><p>We use cookies.</p></div><aside><h2>Related</h2><p>Other story</p></aside><script>alert("x")</script>';
    const article = parseHtml(
      page(
        '',
        `<h1>Headline</h1><p>${filler}</p><div class="ad-slot"><p>Advertisement</p></div><figure><img src="a.jpg"><figcaption>A caption, pictured.</figcaption></figure><p>${filler} <script>track()</script></p><ul class="share-tools"><li>Share on X</li></ul><form><button>Subscribe</button></form>`,
        around,
      ),
    );
    expect(article.sections.flatMap((section) => section.paragraphs)).toEqual([filler, filler]);
    expect(article.caption).toBe('A caption, pictured.');
  });

  test('a page with no article text is an input error', () => {
    expect(() => parseHtml('<!DOCTYPE html><html><body><nav>Home</nav></body></html>')).toThrow(/No article text/);
  });
});
