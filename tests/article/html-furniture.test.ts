/** Furniture inside the story Readability extracts, found by the page's structure. */
import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

const story = [
  'The harbour board voted on Tuesday to dredge the eastern channel before the summer, after two ferries ran aground there in March.',
  'Work will start in May and is expected to take six weeks, during which the ferry will use the western berth.',
  'Fishermen said they welcomed the decision but wanted the board to publish the survey of the channel that led to it.',
];

function spokenBody(articleHtml: string): string[] {
  const html = `<!DOCTYPE html><html><head><title>Harbour to dredge channel | Coast News</title></head><body>
    <header><a href="/">Coast News</a></header><main><article><h1>Harbour to dredge channel</h1>${articleHtml}</article></main></body></html>`;
  return parseHtml(html).sections.flatMap((section) => section.paragraphs);
}

describe('structural furniture rules', () => {
  test("a picture's caption given as the line after it is not read", () => {
    const body = spokenBody(
      `<p>${story[0]}</p><div class="media"><img src="/a.jpg" alt=""></div><p><em>The ferry Island Star aground in the eastern channel in March</em></p><p>${story[1]}</p><p>${story[2]}</p>`,
    );
    expect(body).toEqual(story);
  });

  test('a plain paragraph after a picture is read even without its full stop', () => {
    const unfinished = 'The board said the dredging would cost about two million pounds, paid from harbour dues';
    const body = spokenBody(`<p>${story[0]}</p><p><img src="/a.jpg" alt=""></p><p>${unfinished}</p><p>${story[1]}</p><p>${story[2]}</p>`);
    expect(body).toEqual([story[0], unfinished, story[1], story[2]]);
  });

  test('a paragraph holding a pop-up card with a thumbnail stays a paragraph', () => {
    const card = '<span class="card"><img src="/thumb.jpg" alt=""><a href="/people/ana">Ana Reyes</a></span>';
    const body = spokenBody(`<p>${story[0]}</p><p>Board chair ${card} said the work could not wait another year, because the channel had silted up faster than expected.</p><p>${story[1]}</p><p>${story[2]}</p>`);
    expect(body[1]).toMatch(/^Board chair .*said the work could not wait another year/);
    expect(body).toHaveLength(4);
  });

  test('a quotation embedded from a social network is read, whatever its box is called', () => {
    const embed = '<div class="social-media-embed"><blockquote class="tweet"><p>The eastern channel is finally getting dredged. About time, says every skipper on the quay.</p></blockquote></div>';
    const body = spokenBody(`<p>${story[0]}</p><p>${story[1]}</p>${embed}<p>${story[2]}</p>`);
    expect(body).toContain('The eastern channel is finally getting dredged. About time, says every skipper on the quay.');
  });

  test("the author's box after the story is not read, and still gives the byline", () => {
    const html = `<!DOCTYPE html><html><head><title>Harbour to dredge channel | Coast News</title></head><body><main><article><h1>Harbour to dredge channel</h1>
      ${story.map((paragraph) => `<p>${paragraph}</p>`).join('')}
      <div class="post-author"><h5><a href="/author/ana" rel="author">Ana Reyes</a></h5><p>Ana Reyes grew up on the island and has written about its harbour, ferries and fishing fleet for Coast News since 2015.</p></div>
      </article></main></body></html>`;
    const article = parseHtml(html);
    expect(article.sections.flatMap((section) => section.paragraphs)).toEqual(story);
    expect(article.byline).toBe('Ana Reyes');
  });

  test('teasers for other stories (a linked headline, a picture, a blurb) are not read', () => {
    const teaser = (headline: string, blurb: string): string =>
      `<div class="col"><article class="card"><a href="/x"><picture><img src="/t.jpg" alt=""></picture></a><header><p>'ON THE QUAY'</p><h2><a href="/x">${headline}</a></h2></header><p>${blurb}</p></article></div>`;
    const body = spokenBody(
      `${story.map((paragraph) => `<p>${paragraph}</p>`).join('')}<section><div class="wrapper">${teaser(
        'Lifeboat crew honoured for winter rescue',
        'Four volunteers who pulled two fishermen from the sea in January were given medals by the lifeboat charity on Saturday.',
      )}${teaser('Island school gets a new roof', 'The primary school on the island will reopen after half-term with a new roof, the council said.')}</div></section>`,
    );
    expect(body).toEqual(story);
  });

  test('a story sentence with many links is read; a line that is all links is not', () => {
    const linked =
      'The <a href="/a">silt survey</a> found the channel <a href="/b">two metres shallower</a> than <a href="/c">charted depths</a>.';
    const body = spokenBody(`<p>${story[0]}</p><p>${linked}</p><p>${story[1]}</p><p>READ MORE: <a href="/d">Ferry aground in the eastern channel again</a></p><p>${story[2]}</p>`);
    expect(body).toEqual([story[0], 'The silt survey found the channel two metres shallower than charted depths.', story[1], story[2]]);
  });
});
