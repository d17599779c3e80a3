import { describe, expect, test } from 'vitest';
import { mainClause, stopwords, titleChapters } from '../../src/script/chapter-titles.js';

/** Verbs that carry these stories' clauses on: a title holding one would be a clause cut short of its object. */
const clauseVerbs = /\s(?:is|are|was|were|has|have|had|will|would|said|says)\s/i;

describe('chapter titles end at a word and phrase boundary', () => {
  test('the main clause keeps abbreviations whole: never "U.S" or "Dr"', () => {
    expect(mainClause('The U.S. Army said it would leave the base by March.')).toBe('U.S. Army');
    expect(mainClause('Dr. Park met port officials in St. Louis on Friday.')).toBe('Dr. Park met port officials in St. Louis on Friday');
    expect(mainClause('Flooding closed the A59 near Skipton.')).toBe('Flooding closed the A59 near Skipton');
  });

  const ferry = [
    'The Millbrook town council voted 7-2 on Monday to add two evening ferry crossings to the island of Skerrin from next spring, after a petition signed by more than 1,400 residents.',
    'Councillor Ana Reyes said the extra evening crossings at 8 p.m. and 10 p.m. would cost about $240,000 a year, paid from harbour dues.',
  ];
  const harbour = [
    'The harbour master has warned that the old slipway at Skerrin cannot take the larger ferry in winter gales, and repairs have been put off twice.',
    'Repairs to the slipway would take four months and close the crossing for part of the summer, the harbour master said.',
  ];
  const windows = ['The first paragraph has Windows line endings and a soft line break inside it, which the reader must treat as one paragraph.'];

  test.each([
    ['ferry', [ferry, harbour]],
    ['one paragraph', [windows, harbour]],
  ])('%s: no title stops mid-phrase or holds a cut-off clause', (_, chapters) => {
    const titles = titleChapters(chapters as string[][]);
    for (const [index, title] of titles.entries()) {
      const text = (chapters as string[][])[index]!.join(' ');
      expect(title).not.toMatch(clauseVerbs);
      expect(stopwords.has(title.split(' ').at(-1)!.toLowerCase())).toBe(false);
      // The word after the title in the text, if any, does not carry its noun phrase on.
      const after = new RegExp(`${title.split(' ').at(-1)!.replace(/[.$]/g, '\\$&')}\\s+([\\p{L}\\p{N}$-]+)`, 'iu').exec(text)?.[1];
      if (after) expect(stopwords.has(after.toLowerCase()) || /ed$|^\p{N}/u.test(after), `${title} | ${after}`).toBe(true);
    }
  });

  test('the titles of the ferry story name its topics', () => {
    expect(titleChapters([ferry, harbour])).toEqual(['Millbrook town council', 'Harbour master']);
  });
});

describe('a phrase ending a quotation', () => {
  test('the title has no full stop from inside the closing quote ("Live event." is "Live event")', () => {
    const titles = titleChapters([
      ['The harbour board, which met for four hours on Tuesday evening in the town hall, voted to keep the ferry fares frozen for another year.', 'Fares have not risen since 2019.'],
      [
        'She added that the company had agreed, for the first time since the dispute started in the spring, to let the singer perform her songs.',
        '"Artists do not need approval from a label for a live broadcast or any other live event." The organisers said nothing was settled.',
        '"We were told nothing about the live event."',
      ],
    ]);
    expect(titles[1]).toBe('Live event');
    for (const title of titles) expect(title).not.toMatch(/[.,;:!?]$/);
  });
});

describe('a proper noun spelt like a verb', () => {
  test('"May" in "Theresa May" and "Elections in May" is a name, not the verb "may"', () => {
    const titles = titleChapters([
      ['Ferry fares for island residents will be frozen for another year, the harbour board decided on Tuesday evening.', 'The board said ferry crossings would rise.'],
      [
        'After weeks of pressure from her own party and a failed vote on her plan in parliament, Theresa May resigned on Friday.',
        'Theresa May will stay on as caretaker until a successor is chosen.',
        'Theresa May spoke outside Downing Street.',
      ],
      [
        'Voters will go to the polls again, and officials expect a high turnout when the elections in May take place across the region.',
        'The elections in May are the first since the boundary changes, and the elections in May decide the council.',
      ],
    ]);
    expect(titles[1]).toMatch(/^Theresa May\b/);
    expect(titles[2]).toMatch(/^Elections in May\b/);
  });
});

describe('a word ending in "ed" that is no verb', () => {
  test('"seabed" and "sacred" may end a title', () => {
    const titles = titleChapters([
      ['Ferry fares for island residents will be frozen for another year, the harbour board decided on Tuesday evening.', 'The board said ferry crossings would rise.'],
      [
        'Despite protests from fishermen and a warning from scientists about damage to marine life, mining firms plan to dig up the ocean seabed.',
        'The ocean seabed holds rare metals.',
        'Scientists know little about the ocean seabed.',
      ],
    ]);
    expect(titles[1]).toBe('Ocean seabed');
  });
});
