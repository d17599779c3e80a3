import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { parsePlainText } from '../../src/article/plain-text.js';
import { NewscastError } from '../../src/errors.js';
import { buildScript } from '../../src/script/build.js';
import { spokenDate } from '../../src/script/intro-outro.js';
import { parseMarkName } from '../../src/script/marks.js';
import { readScriptMetadata } from '../../src/script/metadata.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from '../../src/script/xml.js';

const read = (path: string) => parsePlainText(readFileSync(new URL(path, import.meta.url), 'utf8'));

interface Parsed {
  /** Elements in document order: name, attributes, and the text spoken in each <s>. */
  events: { name: string; attributes: Record<string, string> }[];
  sentences: string[];
  root: { name: string; attributes: Record<string, string> };
}

/** Parses with saxes (throws on any well-formedness error) and collects what the renderer reads. */
function parse(ssml: string): Parsed {
  const parser = new SaxesParser({ xmlns: true });
  const events: Parsed['events'] = [];
  const sentences: string[] = [];
  let inSentence = false;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([key, value]) => [key, value.value]));
    events.push({ name: tag.local, attributes });
    if (tag.local === 's') {
      inSentence = true;
      sentences.push('');
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 's') inSentence = false;
  });
  parser.on('text', (text) => {
    if (inSentence) sentences[sentences.length - 1] += text;
  });
  parser.write(ssml).close();
  return { events, sentences, root: events[0]! };
}

const marks = (parsed: Parsed) => parsed.events.filter((e) => e.name === 'mark').map((e) => parseMarkName(e.attributes['name']!));

describe('buildScript on the example', () => {
  const article = read('../../examples/us-strikes-iraq.txt');
  const ssml = buildScript(article, { showName: 'Newscast' });
  const parsed = parse(ssml);

  test('an SSML 1.1 document', () => {
    expect(ssml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">')).toBe(true);
    expect(parsed.root.name).toBe('speak');
  });

  test('chapters: intro, body chapters, outro, with a 500 ms break between each', () => {
    const chapters = marks(parsed).filter((m) => m.kind === 'chapter').map((m) => (m.kind === 'chapter' ? m.title : ''));
    expect(chapters).toEqual(['Introduction', 'Two series of strikes', 'Islamic Resistance', 'Outro']);
    const breaks = parsed.events.filter((e) => e.name === 'break');
    expect(breaks.map((b) => b.attributes['time'])).toEqual(['500ms', '500ms', '500ms']);
    expect(ssml).toMatch(/<\/p>\n  <break time="500ms"\/>\n  <mark name="chapter:Two series of strikes"\/>\n  <p>/);
  });

  test('every sentence opens with its mark, numbered from 1 across the document', () => {
    const sentenceTags = parsed.events.filter((e) => e.name === 's').length;
    expect(sentenceTags).toBe(18); // intro 2 (its title, made from the lead, is not said), body 14, outro 2
    const sentenceMarks = marks(parsed).filter((m) => m.kind === 'sentence').map((m) => (m.kind === 'sentence' ? m.index : 0));
    expect(sentenceMarks).toEqual(Array.from({ length: sentenceTags }, (_, i) => i + 1));
    parsed.events.forEach((event, i) => {
      if (event.name === 's') expect(parsed.events[i + 1]?.name).toBe('mark');
    });
  });

  test('intro and outro; the title, made from the lead, is not said before the lead itself', () => {
    expect(parsed.sentences.slice(0, 3)).toEqual([
      'This is Newscast.',
      'From Rappler.com.',
      expect.stringMatching(/^The United States carried out two series of strikes in Iraq against Iranian-backed militants, US officials said/),
    ]);
    expect(parsed.sentences.filter((sentence) => sentence.includes('two series of strikes'))).toHaveLength(1);
    expect(parsed.sentences.slice(-2)).toEqual(['This story is from Rappler.com.', 'Thanks for listening to Newscast.']);
    expect(parsed.sentences.join(' ')).not.toContain('Military vehicles');
  });

  test('metadata for the render stage', () => {
    expect(readScriptMetadata(ssml)).toMatchObject({ title: article.title, show: 'Newscast', source: 'Rappler.com' });
  });
});

describe('the intro never repeats the lead', () => {
  const lead = 'Engineers began lowering the first steel gates of the Millbrook flood barrier into the river on Tuesday, three years after the town flooded twice in one winter.';
  const rest = 'The barrier, which cost £41m, is designed to hold back a surge one metre higher than the record set in February 2022.';

  test('a story without a title: the intro names the show and the source, then the story begins', () => {
    const article = parsePlainText(`By Amira Patel\n\n${lead}\n\n${rest} – Riverside Courier`);
    expect(article.title).toMatch(/^Engineers began lowering the first steel gates/); // made from the lead
    const sentences = parse(buildScript(article, { showName: 'Valley Briefing' })).sentences;
    expect(sentences.slice(0, 4)).toEqual(['This is Valley Briefing.', 'From Riverside Courier.', 'By Amira Patel.', lead]);
    expect(sentences.filter((sentence) => sentence.includes('lowering the first steel gates'))).toHaveLength(1);
  });

  test('a real title is still read', () => {
    const article = parsePlainText(`Millbrook flood gates go in at last\n\n${lead}\n\n${rest}`);
    expect(parse(buildScript(article, { showName: 'Valley Briefing' })).sentences.slice(0, 3)).toEqual([
      'This is Valley Briefing.',
      'Millbrook flood gates go in at last.',
      lead,
    ]);
  });

  test("a template that opens with the title (the news template's order) leaves it out too", () => {
    const article = parsePlainText(`${lead}\n\n${rest}`);
    const lines = { intro: ['{title}.', 'This is {show}.', 'From {source}.'], outro: ['Thanks for listening to {show}.'] };
    expect(parse(buildScript(article, { showName: 'Valley Briefing', lines })).sentences.slice(0, 2)).toEqual(['This is Valley Briefing.', lead]);
  });
});

test('byline and spelled-out date in the intro', () => {
  const parsed = parse(buildScript(read('../fixtures/articles/wire-trade-deal.txt'), { showName: 'The Daily Wire', language: 'en-GB' }));
  expect(parsed.root.attributes['xml:lang']).toBe('en-GB');
  expect(parsed.sentences.slice(0, 5)).toEqual([
    'This is The Daily Wire.',
    'Pacific partners sign $1.13bn port financing deal.',
    'From Reuters.',
    'By Jane Doe and Omar Haddad.',
    'Published November 21, 2023.',
  ]);
  expect(spokenDate('2024-03-04')).toBe('March 4, 2024');
  expect(spokenDate('2023-02-30')).toBeUndefined();
  expect(spokenDate('March 4')).toBeUndefined();
});

describe('section headings', () => {
  test('a heading titles its chapter and is read at its start, before the first paragraph', () => {
    const article: Article = {
      title: 'Millbrook opens its flood barrier',
      sections: [
        { paragraphs: ['The barrier on the River Mill was lowered for the first time on Monday.'] },
        { heading: 'What happens next', paragraphs: ['Engineers will test the gates every month until the spring floods.'] },
      ],
    };
    const parsed = parse(buildScript(article, { showName: 'Newscast' }));
    const chapters = marks(parsed).filter((m) => m.kind === 'chapter').map((m) => (m.kind === 'chapter' ? m.title : ''));
    expect(chapters).toContain('What happens next');
    const heading = parsed.sentences.indexOf('What happens next');
    expect(heading).toBeGreaterThan(0);
    expect(parsed.sentences[heading + 1]).toBe('Engineers will test the gates every month until the spring floods.');
  });
});

describe('escaping', () => {
  test('a hostile article gives well-formed SSML that still says every character', () => {
    const article = read('../fixtures/articles/hostile-markup.txt');
    const ssml = buildScript(article, { showName: 'Show & <Tell>' });
    const parsed = parse(ssml);
    const spoken = parsed.sentences.join(' ');
    for (const fragment of ['</speak>', '<speak>', ']]>', '<!--', '<?', 'xml version="1.0"?', '<mark name="evil"/>', "'apostrophes'", '5 < 6 && 7 > 3', 'AT&T', 'Show & <Tell>']) {
      expect(spoken).toContain(fragment);
    }
    expect(spoken).not.toMatch(/[\u0007\u001B\u000C]/);
    expect(marks(parsed).filter((m) => m.kind === 'other')).toEqual([]); // the typed-in <mark> stays text
    expect(readScriptMetadata(ssml).title).toBe('Tags & "quotes" <b>break</b> ]]> the <!-- script --> test');
  });

  test('chapter titles with quotes and < stay inside the mark attribute', () => {
    const heading = `Say "no" <now> & 'then'`;
    const words = 'The harbour council voted again on the ferry timetable today. '.repeat(25);
    const article: Article = {
      title: 'T',
      sections: [{ paragraphs: [words] }, { heading, paragraphs: [words] }],
    };
    const parsed = parse(buildScript(article, { showName: 'Newscast' }));
    const titles = marks(parsed).flatMap((m) => (m.kind === 'chapter' ? [m.title] : []));
    expect(titles).toContain(heading);
    expect(titles).toHaveLength(4);
  });

  test('xml helpers', () => {
    expect(escapeXmlText(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXmlAttribute(`"<&>'\n`)).toBe('&quot;&lt;&amp;&gt;&apos;&#10;');
    expect(stripInvalidXmlChars('a\u0000b\u0008c\td\ne\uD800f\uFFFEg\uFFFF😀')).toBe('ab' + 'c\td\nefg😀');
  });
});

test('usage errors are NewscastErrors', () => {
  const article: Article = { title: 'T', sections: [{ paragraphs: ['Text.'] }] };
  expect(() => buildScript(article, { showName: '  ' })).toThrow(NewscastError);
  expect(() => buildScript(article, { showName: 'S', language: 'en"><x' })).toThrow(NewscastError);
});
