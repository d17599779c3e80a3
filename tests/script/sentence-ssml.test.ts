import { describe, expect, test } from 'vitest';
import { defaultLexicon } from '../../src/script/lexicon/default-lexicon.js';
import { sentenceSsml } from '../../src/script/sentence-ssml.js';
import { spokenLine } from '../../src/script/spoken-pieces.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';

/** What the renderer will say for one sentence of SSML. */
function spokenBy(ssml: string): string {
  const items = parseSsml(`<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis"><s>${ssml}</s></speak>`);
  return items.flatMap((item) => (item.kind === 'speech' ? [item.spoken] : [])).join(' ');
}

describe('replacement words keep their spaces in the script', () => {
  const cases = [
    ['Follow @jane_doe for updates from the court.', 'Follow at jane_doe for updates from the court.'],
    ['Send tips to newsdesk@herald-tribune.org before noon.', 'at'],
    ['Supporters posted under #SaveOurLibrary all weekend.', 'posted under hashtag SaveOurLibrary all weekend'],
  ] as const;

  test.each(cases)('%s', (sentence, expected) => {
    const ssml = sentenceSsml(sentence, { lexicon: defaultLexicon });
    const spoken = spokenBy(ssml);
    // The script says what `newscast normalize` says, space for space.
    expect(spoken).toBe(spokenLine(sentence, { lexicon: defaultLexicon }));
    expect(spoken).toContain(expected);
    expect(spoken).not.toMatch(/\b(?:at|hashtag)(?=[a-z])|[a-z](?=at\b)/);
  });

  test('the written text in the script is unchanged; the space sits in the alias only where the text has none', () => {
    expect(sentenceSsml('Follow @jane_doe now.')).toBe('Follow <sub alias="at ">@</sub>jane_doe now.');
    expect(sentenceSsml('Write to tips@example.org today.')).toMatch(/tips<sub alias=" at ">@<\/sub>example/);
    // Between spaces, no extra space is needed.
    expect(sentenceSsml('It cost $5m in total.')).toBe('It cost <sub alias="five million dollars">$5m</sub> in total.');
  });
});
