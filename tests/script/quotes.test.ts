import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { buildScript } from '../../src/script/build.js';
import { findQuotations } from '../../src/script/quotes.js';
import { sentenceSsml } from '../../src/script/sentence-ssml.js';
import { scriptOutline } from './script-outline.js';

describe('findQuotations', () => {
  test.each([
    ['“We will rebuild,” she said.', [[0, 18]], false],
    ['He said "no" twice.', [[8, 12]], false],
    ['“Ports are the lifeline.', [[0, 24]], true],
    ['The 5" screen', [], false],
  ])('%s', (text, spans, openAtEnd) => {
    expect(findQuotations(text)).toEqual({ spans, openAtEnd });
  });

  test('a quotation carried over from the previous sentence', () => {
    expect(findQuotations('When it closes, shops are empty,” he said.', true).spans).toEqual([[0, 33]]);
  });
});

describe('quotations in a second voice', () => {
  test('the quotation and only it is in the voice; rewritten text inside is kept whole', () => {
    expect(sentenceSsml('“It cost $5m,” the mayor said.', { quoteVoice: 'slt' })).toBe(
      '<voice name="slt">“It cost <sub alias="five million dollars">$5m</sub>,”</voice> the mayor said.',
    );
  });

  test('no voice without --quote-voice', () => {
    expect(sentenceSsml('“Yes,” she said.')).toBe('“Yes,” she said.');
  });

  test('a quotation spanning two sentences; marks stay at sentence starts', () => {
    const article: Article = {
      title: 'Ports deal',
      sections: [{ paragraphs: ['"Ports are the lifeline of these economies. When a cyclone closes a harbour, shelves are empty." Dr. Park said it twice. Officials agreed.'] }],
    };
    const ssml = buildScript(article, { showName: 'Newscast', quoteVoice: 'slt' });
    expect(ssml).toContain('<s><mark name="s3"/><voice name="slt">&quot;Ports are the lifeline of these economies.</voice></s>');
    expect(ssml).toContain('<s><mark name="s4"/><voice name="slt">When a cyclone closes a harbour, shelves are empty.&quot;</voice></s>');
    const body = scriptOutline(ssml).find((chapter) => chapter.title !== 'Introduction' && chapter.title !== 'Outro');
    expect(body?.sentences.map((sentence) => sentence.voices)).toEqual([['slt'], ['slt'], [undefined], [undefined]]);
  });

  test('a quotation of two sentences inside a longer one stays one sentence, its attribution in the narrator\'s voice', () => {
    const article: Article = {
      title: 'Ports deal',
      sections: [{ paragraphs: ['"Ports are the lifeline of these economies. When a cyclone closes a harbour, shelves are empty," Dr. Park said. Officials agreed.'] }],
    };
    const ssml = buildScript(article, { showName: 'Newscast', quoteVoice: 'slt' });
    expect(ssml).toContain(
      '<s><mark name="s3"/><voice name="slt">&quot;Ports are the lifeline of these economies. When a cyclone closes a harbour, shelves are empty,&quot;</voice> <sub alias="Doctor">Dr.</sub> Park said.</s>',
    );
    const body = scriptOutline(ssml).find((chapter) => chapter.title !== 'Introduction' && chapter.title !== 'Outro');
    expect(body?.sentences.map((sentence) => sentence.voices)).toEqual([['slt', undefined], [undefined]]);
  });

  test('a bad voice name is a usage error', () => {
    expect(() => buildScript({ title: 'T', sections: [{ paragraphs: ['x'] }] }, { showName: 'N', quoteVoice: 'a"b' })).toThrow(/not a voice name/);
  });
});
