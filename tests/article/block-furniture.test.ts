/** Lines of a page's story that are furniture by their form, and story lines that only look like it. */
import { describe, expect, test } from 'vitest';
import { isFurnitureLine, storyBlocks } from '../../src/article/block-furniture.js';

describe('isFurnitureLine', () => {
  test.each([
    'Advert',
    'Image 3 of 12',
    'https://www.example.com/news/ferry-fares-frozen-1234',
    '[READ MORE: Why the ferry fares went up]',
    '(AP Photo/Marit Olsen)',
    'Source: Office for Energy Markets',
    'Photo: Hau Dinh, AP',
    '© Provided by The Daily Digest',
    'Score: 8/10',
    'WATCH: The moment City were crowned champions',
    'A fisherman mends nets at dawn in Torvik harbour. (Image: Getty)',
    'Natalie Novak | Bloomberg | Getty Images',
    "DON'T MISS: FERRY FARES FROZEN FOR ISLANDERS",
    'By Justine Cole - 11/18/19 11:04 PM EST',
    'Published 4:00 am CST, Wednesday, November 20, 2019',
    'Get the latest local news delivered to your inbox every morning. Subscribe to our newsletters.',
    'Follow Ingrid Halvorsen on Twitter @ihalvorsen. Email her at ingrid@example.com.',
    'Copyright 2024 Harbor Times Media. All rights reserved. This material may not be reproduced without permission.',
    'A version of this article appears in print on March 4, 2024, Section B, Page 3 of the national edition.',
    'Write to Tomasz Wierzbicki at t.wierzbicki@capitalreview.example',
    'Copyright ⓒ Harbor Times. Reproduction prohibited',
    'Associated Press writers Jane Roe and John Doe in Washington contributed to this report.',
    'Maria Lopez contributed reporting from Lisbon.',
    'Tom Reyes contributed research.',
    'Continue reading the main story',
    'Follow us on Twitter',
    'Image source, Harbour Photo Agency',
    'Image caption, The ferry Island Star in the eastern channel',
    'Story continues below advertisement',
    'Listen to this article',
    // Calls to action with a full stop: an imperative opening, and a place to go.
    'Follow Harbour Radio on Instagram, Facebook, X and YouTube.',
    "Follow the Courier's full coverage of the ferry strike at https://www.example.com/ferry-strike",
    'Listen to Harbour Radio live at 07:30 weekdays - or catch up here.',
    'Download our free app for the latest local news.',
    // A short line to the reader that trails off or has no full stop: the label of a list that is gone.
    'You may also like...',
    'Recommended for you',
  ])('%s', (line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  test.each([
    'Ferry fares for island residents will be frozen for another year, the operator said on Friday.',
    'The company said it continued to sign up subscribers to its streaming service and its newsletter even as the app crashed.',
    'The senator posted the letter on Twitter, tagging the account of the attorney general, @NYAGoffice, and her own.',
    '(The council later said the figure had been miscounted and was closer to three hundred.)',
    'A: Trip to the seaside with my grandparents',
    'Copyright law has not kept up with streaming, the committee said',
    'The harbour board spent more on advertisement this year than on dredging, its accounts show.',
    'Q: What was your favourite childhood memory?',
    '“We have had water through the front door before, but never like this.”',
    'Follow the money, the auditor told the committee, and you will find the contracts went to the same three firms.',
    'Watch for ice on the coast road tonight, the council warned drivers.',
    'The band will follow the tour with a live album on YouTube and Spotify next spring.',
    '“You know what you did.”',
    'The agency said three reporters contributed reporting that led to the inquiry, and all three have since left the company.',
    // A story about print editions is no print-edition trailer.
    'The newspaper will end its print edition next year, the owner said.',
    // Two signs of small print in a sentence that does not speak to the reader.
    'Google will phase out third-party cookies, the company said in an update to its privacy policy.',
    // An e-mail address in a story's sentence, not an invitation to write.
    'Police asked anyone with information to email tips@police.example.org.',
    // An imperative in quoted speech with "our", not a call to visit "our app".
    'Get out of our country, protesters chanted.',
  ])('story: %s', (line) => {
    expect(isFurnitureLine(line)).toBe(false);
  });

  test('a short item of a list is story; the same words alone on a line are a fragment', () => {
    expect(isFurnitureLine('Optical heart sensor', true)).toBe(false);
    expect(isFurnitureLine('Optical heart sensor')).toBe(true);
  });
});

describe('storyBlocks', () => {
  test('a line repeated on the page is heard once; a repeated sentence every time', () => {
    const blocks = storyBlocks([
      { kind: 'paragraph', text: 'Share on WhatsApp Facebook' },
      { kind: 'paragraph', text: 'The ferry will sail at noon.' },
      { kind: 'paragraph', text: 'Share on WhatsApp Facebook' },
      { kind: 'paragraph', text: 'The ferry will sail at noon.' },
    ]);
    expect(blocks.map((block) => block.text)).toEqual(['The ferry will sail at noon.', 'The ferry will sail at noon.']);
  });

  test('headings: a timestamp is dropped; the rest stay headings (articleFromBlocks reads prose ones as paragraphs)', () => {
    const blocks = storyBlocks([
      { kind: 'heading', text: 'What happens next' },
      { kind: 'heading', text: 'Updated 14:32 GMT, 9 March 2024' },
      { kind: 'heading', text: '4:14 p.m.' },
      { kind: 'heading', text: 'Health leaders said the improvement was welcome but fragile.' },
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', text: 'What happens next' },
      { kind: 'heading', text: 'Health leaders said the improvement was welcome but fragile.' },
    ]);
  });

  test('a time then a short word is a timetable item, not a time zone: "09:30 Mass" stays', () => {
    const blocks = storyBlocks([
      { kind: 'paragraph', text: 'The parish keeps its Sunday order of service:' },
      { kind: 'paragraph', text: '08:00 Said Eucharist', listItem: true },
      { kind: 'paragraph', text: '09:30 Mass', listItem: true },
      { kind: 'paragraph', text: '11:15 Choir', listItem: true },
      { kind: 'paragraph', text: 'Updated 14:32 GMT' },
      { kind: 'paragraph', text: '9 March 2024, 10:05' },
    ]);
    expect(blocks.map((block) => block.text)).toEqual(['The parish keeps its Sunday order of service:', '08:00 Said Eucharist', '09:30 Mass', '11:15 Choir']);
  });

  test('headings: the label of a list that is gone ("More:") and a call to action are no chapter', () => {
    const blocks = storyBlocks([
      { kind: 'heading', text: 'More:' },
      { kind: 'heading', text: 'Related coverage:' },
      { kind: 'heading', text: 'Story continues below gallery' },
      { kind: 'heading', text: 'Read more' },
      { kind: 'heading', text: 'Prisoner swap' },
      { kind: 'heading', text: 'What the council said: a timeline' },
      { kind: 'heading', text: 'Why newsletters are back' },
    ]);
    expect(blocks.map((block) => block.text)).toEqual(['Prisoner swap', 'What the council said: a timeline', 'Why newsletters are back']);
  });
});
