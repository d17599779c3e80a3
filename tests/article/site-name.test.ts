/**
 * The source the intro and outro name ("From …", "This story is from …"): what a page gives as
 * its site name is often a CMS slug, a section, an address or a subdomain, none of which an
 * editor would let a presenter say.
 */
import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';
import { parseHtmlDocument } from '../../src/article/dom.js';
import { readJsonLdArticle } from '../../src/article/json-ld.js';
import { spokenSiteName } from '../../src/article/site-name.js';

describe('spokenSiteName', () => {
  test.each([
    // A CMS slug in lower case that is the site's domain name: say the domain.
    [['lakeside'], 'https://www.lakeside.com/news/2025/03/flood-gates.html', 'lakeside.com'],
    [['riverpost'], 'https://riverpost.co.uk/news/flood-gates', 'riverpost.co.uk'],
    // An address as the site name: its host.
    [['https://www.millbrooknews.com'], 'https://www.millbrooknews.com/story/123', 'millbrooknews.com'],
    // Name and domain joined by a bar: the name.
    [[' The Millbrook Herald | MillbrookHerald.com '], 'https://www.millbrookherald.com/a/1', 'The Millbrook Herald'],
    // A subdomain's name ("Hosted" on hosted.wirenews.org) names no publisher: the next candidate, else the domain.
    [['Hosted'], 'https://hosted.wirenews.org/story/123', 'wirenews.org'],
    [['Hosted', 'Wire News'], 'https://hosted.wirenews.org/story/123', 'Wire News'],
    // Real names are kept, also when they match the domain.
    [['Sky'], 'https://news.sky.com/story/1', 'Sky'],
    [['The Riverside Courier'], 'https://www.riversidecourier.co.uk/a', 'The Riverside Courier'],
    [['', 'Riverside Courier'], undefined, 'Riverside Courier'],
  ])('%j at %s → %s', (candidates, url, expected) => {
    expect(spokenSiteName(candidates, url)).toBe(expected);
  });

  test('nothing usable gives nothing', () => {
    expect(spokenSiteName([undefined, ''], undefined)).toBeUndefined();
  });
});

describe('JSON-LD written loosely', () => {
  test("a block with a single-quoted string (seen on real news pages) still gives its publisher", () => {
    const raw = `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Oil falls on supply worries", "description": 'Oil fell on Tuesday.', "publisher": {"@type": "Organization", "name": "Wire News"}}</script>`;
    expect(readJsonLdArticle(parseHtmlDocument(`<html><head>${raw}</head><body></body></html>`))).toMatchObject({ publisher: 'Wire News' });
  });
});

describe('the article source', () => {
  const story = [
    'Engineers began lowering the first steel gates of the Millbrook flood barrier into the river on Tuesday, three years after the town was flooded twice in one winter.',
    'The barrier, which cost £41m, is designed to hold back a surge one metre higher than the record set in February 2022, the Environment Agency said.',
    'Shopkeepers on the quay said they had waited a long time for the work to start and were relieved to see the cranes arrive before the autumn storms.',
  ];
  test('a lower-case slug in og:site_name is said as the domain of the canonical address', () => {
    const page = `<!DOCTYPE html><html><head><title>Flood gates lowered</title><meta property="og:site_name" content="lakeside"><link rel="canonical" href="https://www.lakeside.com/news/flood-gates.html"></head>
<body><main><article><h1>Flood gates lowered</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
    expect(parseHtml(page).source).toBe('lakeside.com');
  });
});
