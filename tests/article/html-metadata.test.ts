import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';
import { parseHtmlDocument } from '../../src/article/dom.js';
import { readJsonLdArticle } from '../../src/article/json-ld.js';
import { stripSiteAffixes } from '../../src/article/page-title.js';

const story = [
  'Engineers began lowering the first steel gates of the Millbrook flood barrier into the river on Tuesday, three years after the town was flooded twice in one winter.',
  'The barrier, which cost £41m, is designed to hold back a surge one metre higher than the record set in February 2022, the Environment Agency said.',
  'Shopkeepers on the quay said they had waited a long time for the work to start and were relieved to see the cranes arrive before the autumn storms.',
];
const storyHtml = story.map((paragraph) => `<p>${paragraph}</p>`).join('');
const headline = 'Millbrook flood barrier gates lowered into river';

interface PageParts {
  head?: string;
  masthead?: string;
  articleTop?: string;
}

/** A news page as a CMS writes it: a site header with its own <h1>, then the article. */
function newsPage({ head = '', masthead = '', articleTop = '' }: PageParts): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">${head}</head><body>
<header class="site-header">${masthead}<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>${articleTop}${storyHtml}</article></main>
<footer><p>© 2025 Riverside Media Group. All rights reserved.</p></footer></body></html>`;
}

const newsArticleLd = {
  '@context': 'https://schema.org',
  '@graph': [
    { '@type': 'WebSite', name: 'The Riverside Courier', url: 'https://www.riversidecourier.co.uk/' },
    { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'News' }] },
    {
      '@type': 'NewsArticle',
      headline,
      datePublished: '2025-03-04T07:15:00+00:00',
      dateModified: '2025-03-04T11:02:00+00:00',
      author: [
        { '@type': 'Person', name: 'Amira Patel', url: 'https://www.riversidecourier.co.uk/authors/amira-patel' },
        { '@type': 'Person', name: 'Tom Reyes' },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Riverside Courier', logo: { '@type': 'ImageObject', url: 'https://www.riversidecourier.co.uk/logo.png' } },
    },
  ],
};

const jsonLd = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('the title of an HTML page', () => {
  test("the site's masthead <h1> is never the title; og:title names the story, its \" | Site\" tail dropped", () => {
    const article = parseHtml(
      newsPage({
        head: `<title>${headline} | The Riverside Courier</title><meta property="og:title" content="${headline} | The Riverside Courier"><meta property="og:site_name" content="The Riverside Courier">`,
        masthead: '<h1 class="logo"><a href="/">The Riverside Courier</a></h1>',
      }),
    );
    expect(article.title).toBe(headline);
  });

  test('a section-name <h1> loses to JSON-LD headline and twitter:title that agree', () => {
    const article = parseHtml(
      newsPage({
        head: `<title>Local news - Riverside Courier</title><meta name="twitter:title" content="${headline}">${jsonLd(newsArticleLd)}`,
        masthead: '<h1 class="section-title">Local news</h1>',
      }),
    );
    expect(article.title).toBe(headline);
  });

  test('the article <h1> is the title where it agrees with a source, even when og:title is a social rewording', () => {
    const social = 'Finally! Millbrook gets its flood gates';
    const onPage = '‘We waited years’: Millbrook flood barrier gates lowered';
    const article = parseHtml(
      newsPage({
        head: `<meta property="og:title" content="${social}">${jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: "'We waited years': Millbrook flood barrier gates lowered" })}`,
        articleTop: `<h1>${onPage}</h1>`,
      }),
    );
    expect(article.title).toBe(onPage);
    // The heading is the title, so it is not read again as a section heading.
    expect(article.sections[0]?.heading).toBeUndefined();
  });

  test('a page headline that is not the title is still no part of the story', () => {
    const long = 'Engineers lower the first steel gates of the £41m Millbrook flood barrier, three years after the town flooded twice';
    const article = parseHtml(newsPage({ head: '<meta property="og:title" content="Millbrook gets its flood gates at last">', articleTop: `<h1>${long}</h1>` }));
    expect(article.title).toBe('Millbrook gets its flood gates at last');
    expect(article.sections).toEqual([{ paragraphs: story }]);
  });

  test('a section prefix ("Opinion | ") goes when another source confirms the rest', () => {
    const column = 'Our towns cannot wait another decade for flood defences';
    const article = parseHtml(
      newsPage({
        head: `<title>Opinion | ${column} - The Riverside Courier</title><meta property="og:title" content="Opinion | ${column}">`,
        articleTop: `<h1>${column}</h1>`,
      }),
    );
    expect(article.title).toBe(column);
  });

  test("a site tail is dropped when it names the page's domain, with no site name given", () => {
    const article = parseHtml(
      newsPage({
        head: `<title>${headline} – RiversideCourier.co.uk</title><meta property="og:title" content="${headline} – RiversideCourier.co.uk"><link rel="canonical" href="https://www.riversidecourier.co.uk/news/millbrook-barrier">`,
        masthead: '<h1>Riverside Courier</h1>',
      }),
    );
    expect(article.title).toBe(headline);
  });

  test('with no site name given, a tail repeated across sources is the site, and so is a masthead <h1> that is one', () => {
    const repeated = parseHtml(
      newsPage({
        head: `<title>Flood barrier gates lowered at Millbrook | Riverside Courier</title><meta property="og:title" content="${headline} | Riverside Courier">`,
      }),
    );
    expect(repeated.title).toBe(headline);
    const masthead = parseHtml(
      newsPage({ head: `<meta name="twitter:title" content="${headline} - Riverside Courier">`, masthead: '<h1>Riverside Courier</h1>' }),
    );
    expect(masthead.title).toBe(headline);
  });

  test('a dash inside a headline is not a site tail', () => {
    const dashed = 'Millbrook barrier - three years late - finally takes shape';
    const article = parseHtml(
      newsPage({ head: `<meta property="og:title" content="${dashed}"><meta property="og:site_name" content="The Riverside Courier">` }),
    );
    expect(article.title).toBe(dashed);
  });
});

describe('stripSiteAffixes', () => {
  test.each([
    ['Flood gates lowered | The Riverside Courier', ['The Riverside Courier'], 'Flood gates lowered'],
    ['Flood gates lowered - Riverside Courier', ['The Riverside Courier'], 'Flood gates lowered'],
    ['Flood gates lowered — The Riverside Courier — Local news', ['The Riverside Courier — Local news'], 'Flood gates lowered'],
    ['The Riverside Courier | Flood gates lowered', ['The Riverside Courier'], 'Flood gates lowered'],
    ['Flood gates lowered - Millbrook', ['The Riverside Courier'], 'Flood gates lowered - Millbrook'],
  ])('%s', (title, sites, expected) => {
    expect(stripSiteAffixes(title, sites)).toBe(expected);
  });
});

describe('byline, date and source from JSON-LD NewsArticle', () => {
  test('authors, datePublished and publisher.name, from inside @graph', () => {
    const article = parseHtml(
      newsPage({
        head: `<title>${headline} | The Riverside Courier</title><meta name="author" content="Courier Newsdesk"><meta property="og:site_name" content="Riverside Courier Online">${jsonLd(newsArticleLd)}`,
        articleTop: `<h1>${headline}</h1>`,
      }),
    );
    expect(article).toMatchObject({ title: headline, byline: 'Amira Patel and Tom Reyes', date: '2025-03-04', source: 'The Riverside Courier' });
  });

  test('a ReportageNewsArticle with one author as a string; a broken block before it is skipped', () => {
    const document = parseHtmlDocument(
      `<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Organization", </script>` +
        jsonLd([{ '@type': ['ReportageNewsArticle'], headline: 'Barrier &amp; gates: what comes next', author: 'Amira Patel', datePublished: '2025-03-05', publisher: { name: 'Riverside Courier' } }]) +
        '</head><body></body></html>',
    );
    expect(readJsonLdArticle(document)).toEqual({
      headline: 'Barrier & gates: what comes next',
      authors: ['Amira Patel'],
      date: '2025-03-05',
      publisher: 'Riverside Courier',
    });
  });

  test('raw line breaks inside JSON-LD strings (common on real pages) do not lose the block', () => {
    const raw = `<script type="application/ld+json">{"@type": "Article", "headline": "Gates lowered\n at Millbrook", "author": {"@type": "Person", "name": "Tom Reyes"}}</script>`;
    expect(readJsonLdArticle(parseHtmlDocument(`<html><head>${raw}</head><body></body></html>`))).toMatchObject({
      headline: 'Gates lowered at Millbrook',
      authors: ['Tom Reyes'],
    });
  });

  test('an organisation as author is no byline; a page without JSON-LD gives nothing', () => {
    const document = parseHtmlDocument(
      `<html><head>${jsonLd({ '@type': 'NewsArticle', headline: 'Gates lowered', author: { '@type': 'Organization', name: 'Courier Staff' } })}</head></html>`,
    );
    expect(readJsonLdArticle(document).authors).toEqual([]);
    expect(readJsonLdArticle(parseHtmlDocument('<html><head></head><body><p>Hi</p></body></html>'))).toEqual({ authors: [] });
  });

  test("a CMS's placeholder date (0001-01-01) is no date", () => {
    const document = parseHtmlDocument(`<html><head>${jsonLd({ '@type': 'NewsArticle', headline: 'Gates lowered', datePublished: '0001-01-01T00:00:00Z' })}</head></html>`);
    expect(readJsonLdArticle(document).date).toBeUndefined();
  });
});
