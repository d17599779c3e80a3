import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parsePlainText } from '../../src/article/plain-text.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
const example = readFileSync(new URL('../../examples/us-strikes-iraq.txt', import.meta.url), 'utf8');
const allParagraphs = (text: string, title?: string) => parsePlainText(text, { title }).sections.flatMap((s) => s.paragraphs);

describe('the example article (Rappler)', () => {
  const article = parsePlainText(example);
  const paragraphs = article.sections.flatMap((s) => s.paragraphs);

  test('the photo caption is moved out of the body, its place becomes the dateline', () => {
    expect(article.caption).toBe(
      'AIN AL-ASAD. Military vehicles of US soldiers are seen at the al-Asad air base in Anbar province, Iraq, January 13, 2020.',
    );
    expect(article.dateline).toBe('AIN AL-ASAD');
    expect(paragraphs[0]).toMatch(/^The United States carried out two series of strikes/);
    expect(paragraphs.join(' ')).not.toContain('Military vehicles');
  });

  test('the trailing credit becomes the source and leaves the last paragraph', () => {
    expect(article.source).toBe('Rappler.com');
    expect(paragraphs.at(-1)).toMatch(/before being defeated\.$/);
    expect(paragraphs.join(' ')).not.toContain('Rappler');
  });

  test('the title is a headline from the first sentence, under 90 characters', () => {
    expect(article.title).toBe('United States carried out two series of strikes in Iraq against Iranian-backed militants');
    expect(article.title.length).toBeLessThan(90);
  });

  test('14 paragraphs, no byline, no date', () => {
    expect(paragraphs).toHaveLength(14);
    expect(article.byline).toBeUndefined();
    expect(article.date).toBeUndefined();
  });
});

describe('wire story with byline, date line, dateline and a Reuters trailer', () => {
  const article = parsePlainText(fixture('wire-trade-deal.txt'));
  const paragraphs = article.sections.flatMap((s) => s.paragraphs);

  test('front matter', () => {
    expect(article.title).toBe('Pacific partners sign $1.13bn port financing deal');
    expect(article.byline).toBe('Jane Doe and Omar Haddad');
    expect(article.date).toBe('2023-11-21');
  });

  test('the dateline is cut from the lead; its agency is the source', () => {
    expect(article.dateline).toBe('WASHINGTON');
    expect(article.source).toBe('Reuters');
    expect(paragraphs[0]).toMatch(/^The United States and three Pacific island states signed a \$1\.13bn \(£600m\)/);
  });

  test('the "(Reporting by …)" trailer is dropped', () => {
    expect(paragraphs.at(-1)).toBe('Officials said the first contracts would be tendered in March, with preference given to firms that hire local workers.');
    expect(paragraphs).toHaveLength(7);
  });
});

describe('credits', () => {
  const lead = 'Title line here\n\nThe council met on Monday and approved the plan, officials said.';
  test.each([
    ['\n\n— Millbrook Gazette', 'Millbrook Gazette'],
    [' — Reuters', 'Reuters'],
    [' (AP)', 'AP'],
    ['\n\nSource: BBC News', 'BBC News'],
    [' – Rappler.com', 'Rappler.com'],
  ])('%j → %s', (ending, source) => {
    const article = parsePlainText(lead + ending);
    expect(article.source).toBe(source);
    expect(article.sections[0]?.paragraphs).toEqual(['The council met on Monday and approved the plan, officials said.']);
  });

  test('a dash inside the story is not a credit', () => {
    const article = parsePlainText('Headline\n\nPrices rose sharply - Smith said so.');
    expect(article.source).toBeUndefined();
    expect(article.sections[0]?.paragraphs).toEqual(['Prices rose sharply - Smith said so.']);
  });
});

describe('datelines', () => {
  test.each([
    ['LONDON (Reuters) - The Bank of England held rates.', 'LONDON', 'Reuters'],
    ['WASHINGTON — The Senate passed the bill.', 'WASHINGTON', undefined],
    ['SAN FRANCISCO, Calif. (AP) — A quake shook the city.', 'SAN FRANCISCO', 'AP'],
  ])('%s', (lead, place, agency) => {
    const article = parsePlainText(`Headline\n\n${lead}`);
    expect(article.dateline).toBe(place);
    expect(article.source).toBe(agency);
    expect(article.sections[0]?.paragraphs[0]).toMatch(/^(The|A) /);
  });
});

describe('captions', () => {
  test('photo wording and a date, without an ALL-CAPS place', () => {
    const article = parsePlainText('Protesters are pictured outside parliament in Lima, March 3, 2024.\n\nThe protest grew on Tuesday, organisers said.');
    expect(article.caption).toBe('Protesters are pictured outside parliament in Lima, March 3, 2024.');
    expect(article.dateline).toBeUndefined();
  });

  test('a lead that merely ends with a date is not a caption', () => {
    const text = 'The company reported record profits on Tuesday, its first since March 3, 2024.\n\nShares rose.';
    expect(parsePlainText(text).caption).toBeUndefined();
    expect(allParagraphs(text)[0]).toMatch(/^The company reported/);
  });
});

describe('cleaning', () => {
  test('BOM, CRLF, soft line breaks', () => {
    const article = parsePlainText(fixture('bom-crlf.txt'));
    expect(article.title).toBe('BOM and CRLF headline');
    expect(article.sections[0]?.paragraphs).toEqual([
      'The first paragraph has Windows line endings and a soft line break inside it.',
      'The second paragraph ends the story.',
    ]);
  });

  test('characters invalid in XML are removed, emoji kept', () => {
    const paragraphs = allParagraphs(fixture('hostile-markup.txt'));
    const text = paragraphs.join(' ');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(text).toContain('emoji 😀 and café');
    expect(text).toContain('</speak>');
  });

  test('plain-text subheadings start sections', () => {
    const article = parsePlainText(fixture('long-river-restoration.txt'));
    expect(article.sections.map((s) => s.heading)).toEqual([
      undefined, 'A slow start', 'Winning the valley over', 'The engineering', 'What came back', 'The cost of waiting', 'What the valley says now',
    ]);
    expect(article.byline).toBe('Priya Natarajan');
    expect(article.date).toBe('2024-03-04');
    expect(article.source).toBe('Valley Courier');
  });
});
