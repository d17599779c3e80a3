/**
 * A social-media post embedded in a story (the blockquote the networks' embed code writes:
 * the post's text, a picture link, then "— Name (@handle) date") is read as a newsreader
 * quotes it: who posted it, then what they wrote; not the picture's address, the handle or the date.
 */
import { describe, expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

const story = [
  'The Millbrook Rovers manager left the club on Tuesday night after a run of six defeats in seven matches, the club said in a statement.',
  'His assistant will take charge of the team for the home match against Ashford on Saturday while the board looks for a permanent successor.',
];
const after = 'Rovers are fourteenth in the table, four points above the relegation places, with twenty matches of the season left to play.';

function page(embed: string): string {
  return `<!DOCTYPE html><html><head><title>Rovers manager leaves after six defeats</title></head><body>
<header><h1>The Millbrook Courier</h1><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Rovers manager leaves after six defeats</h1>
${story.map((text) => `<p>${text}</p>`).join('\n')}
${embed}
<p>${after}</p>
</article></main><footer><p>© 2025 Courier Media</p></footer></body></html>`;
}

function spoken(html: string): string[] {
  return parseHtml(html).sections.flatMap((section) => section.paragraphs);
}

describe('embedded social-media posts', () => {
  test('a post with a picture link: the author, then the text; no picture address, handle or date', () => {
    const paragraphs = spoken(
      page(`<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Thank you for everything, gaffer. You taught me so much and I will never forget it. Good luck with whatever comes next. <a href="https://t.co/Ab12Cd34Ef">pic.twitter.com/Ab12Cd34Ef</a></p>&mdash; Sam Okafor (@sam_okafor9) <a href="https://twitter.com/sam_okafor9/status/1">March 4, 2025</a></blockquote>`),
    );
    const text = paragraphs.join('\n');
    expect(text).toContain('Sam Okafor posted: Thank you for everything, gaffer.');
    expect(text).not.toMatch(/pic\.twitter|@sam_okafor9|March 4, 2025|—/);
    expect(paragraphs.at(-1)).toBe(after);
  });

  test('a post of several lines keeps them, under one attribution', () => {
    const paragraphs = spoken(
      page(`<blockquote><p>Statement from the board of Millbrook Rovers. <br><br>We thank him for three years of hard work and wish him well. <a href="https://t.co/Zz9">https://t.co/Zz9</a></p>— Millbrook Rovers FC (@MillbrookRovers) March 4, 2025</blockquote>`),
    );
    const text = paragraphs.join('\n');
    expect(text).toContain('Millbrook Rovers FC posted: Statement from the board of Millbrook Rovers.');
    expect(text).toContain('We thank him for three years of hard work and wish him well.');
    expect(text).not.toMatch(/t\.co|@MillbrookRovers|March 4, 2025/);
  });

  test('a quotation in a blockquote that is no post is read as written', () => {
    const quote = 'We will look at every option before we appoint anyone, and we will not rush it – the supporters deserve better than that.';
    expect(spoken(page(`<blockquote><p>${quote}</p></blockquote>`))).toContain(quote);
  });
});
