import { describe, expect, test } from 'vitest';
import { splitSentences } from '../../src/script/sentences.js';

test.each([
  ['Gen. Smith met Sen. Jones.', ['Gen. Smith met Sen. Jones.']],
  ['Dr. Lee lives on St. Mark Street near Mt. Hood.', ['Dr. Lee lives on St. Mark Street near Mt. Hood.']],
  ['It closed on Jan. 5 at 3 p.m. Eastern time.', ['It closed on Jan. 5 at 3 p.m. Eastern time.']],
  ['He read J. R. R. Tolkien. She did not.', ['He read J. R. R. Tolkien.', 'She did not.']],
  ['It is ranked No. 1 in the U.K. market.', ['It is ranked No. 1 in the U.K. market.']],
  ['The U.S. Army said so.', ['The U.S. Army said so.']],
  ['They flew to the U.S. The next day they left.', ['They flew to the U.S.', 'The next day they left.']],
  ['It starts at 9 a.m. He will be late.', ['It starts at 9 a.m.', 'He will be late.']],
  ['He said no. Then he left.', ['He said no.', 'Then he left.']],
  ['"We are done." The talks ended.', ['"We are done."', 'The talks ended.']],
  ['It cost $1.13bn. That was a lot.', ['It cost $1.13bn.', 'That was a lot.']],
])('%s', (text, expected) => {
  expect(splitSentences(text)).toEqual(expected);
});

test('the splitter and the normalizer agree on where a sentence ends after an abbreviation', async () => {
  const { spokenText } = await import('../../src/script/normalize/index.js');
  const text = 'Troops left the U.S. During the night, the convoy crossed into Iraq. They joined the U.S. Army there.';
  const sentences = splitSentences(text);
  expect(sentences).toEqual(['Troops left the U.S.', 'During the night, the convoy crossed into Iraq.', 'They joined the U.S. Army there.']);
  // A sentence-ending stop is spoken only at the end of a sentence, never inside one.
  for (const sentence of sentences) expect(spokenText(sentence).slice(0, -1)).not.toContain('.');
});

describe('a quotation is not split where the split would break it', () => {
  test.each([
    // The quotation is part of a longer sentence: its attribution or the sentence goes on after it.
    ['“We waited three years. Then the water came back,” said Ann Lee, who runs a bakery on the quay.', ['“We waited three years. Then the water came back,” said Ann Lee, who runs a bakery on the quay.']],
    ['"We were told it was safe. It was not," Mr Patel said. He left in 2020.', ['"We were told it was safe. It was not," Mr Patel said.', 'He left in 2020.']],
    ['“Is it safe? Nobody knows,” the report concluded.', ['“Is it safe? Nobody knows,” the report concluded.']],
    ['The mayor called it “a disgrace. A total disgrace” and walked out.', ['The mayor called it “a disgrace. A total disgrace” and walked out.']],
    ['Councillors met at noon. “He said his piece. Then left,” she said.', ['Councillors met at noon.', '“He said his piece. Then left,” she said.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  test.each([
    // A quotation of whole sentences is read sentence by sentence, as before.
    ['“It is not enough,” she said. “We need more. Much more.” The council disagreed.', ['“It is not enough,” she said.', '“We need more.', 'Much more.”', 'The council disagreed.']],
    ['She said: “I am leaving. I will not come back.” Then she left.', ['She said: “I am leaving.', 'I will not come back.”', 'Then she left.']],
    ['“Enough.” That was all he said.', ['“Enough.”', 'That was all he said.']],
    ['“I said, ‘I want more.’ They said, ‘The farmers can’t cope.’” She laughed.', ['“I said, ‘I want more.’', 'They said, ‘The farmers can’t cope.’”', 'She laughed.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  test('an unclosed quotation does not swallow the paragraph', () => {
    const text = '“The first. The second. The third. The fourth. The fifth. The sixth,';
    expect(splitSentences(text)).toHaveLength(6);
  });
});
