// Front matter is YAML: what a static-site generator accepts, newscast reads the same way, through
// the public API a user calls (scriptArticle) and the command line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError, scriptArticle } from '../../src/index.js';
import { parseMarkdown } from '../../src/article/markdown.js';
import { parsePlainText } from '../../src/article/plain-text.js';
import { readScriptMetadata } from '../../src/script/metadata.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-front-matter-'));
const body = '\nThe Millbrook town council voted on Monday to add two evening ferry crossings to the island of Skerrin.\n\nThe new sailings start next spring.\n';

function article(name: string, frontMatter: string): string {
  const path = join(dir, name);
  writeFileSync(path, `---\n${frontMatter}\n---\n${body}`);
  return path;
}

async function inputError(promise: Promise<unknown>): Promise<NewscastError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NewscastError);
  expect((error as NewscastError).exitCode).toBe(2);
  return error as NewscastError;
}

describe('YAML front matter', () => {
  test('anchors, aliases, quotes and folded titles are read as YAML, not spoken as written', async () => {
    const path = article(
      'yaml.md',
      [
        'site: &paper "Millbrook Gazette"',
        'source: *paper',
        "title: 'Ferry: a \"late\" timetable, at last'",
        'author: >-',
        '  Ana',
        '  Reyes',
        'date: "2024-03-05"',
      ].join('\n'),
    );
    const ssml = await scriptArticle(path);
    const metadata = readScriptMetadata(ssml);
    expect(metadata.title).toBe('Ferry: a "late" timetable, at last');
    expect(metadata.source).toBe('Millbrook Gazette');
    expect(metadata.byline).toBe('Ana Reyes');
    expect(metadata.date).toBe('2024-03-05');
    expect(ssml).not.toMatch(/\*paper|&amp;paper|&gt;-/);
  });

  test('a list of authors is read as names', async () => {
    const ssml = await scriptArticle(article('authors.md', 'title: Ferries\nauthors:\n  - Ana Reyes\n  - Tom Okafor'));
    expect(readScriptMetadata(ssml).byline).toBe('Ana Reyes, Tom Okafor');
  });

  test('malformed front matter is refused with its file, line and column', async () => {
    // The classic slip: a colon in an unquoted value, on line 3 of the file ("---" is line 1).
    const error = await inputError(scriptArticle(article('broken.md', 'title: Ferries\nsource: Gazette: Millbrook\ndate: 2024-03-05')));
    expect(error.message).toBe('broken.md:3:9: the front matter is not valid YAML: Nested mappings are not allowed in compact mappings');
    const unclosed = await inputError(scriptArticle(article('unclosed.md', 'title: Ferries\nsource: "Millbrook Gazette\ndate: 2024-03-05')));
    expect(unclosed.message).toMatch(/^unclosed\.md:4:\d+: the front matter is not valid YAML: Missing closing "quote/);
  });

  test('an alias bomb is refused instead of expanded', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'title: *e'];
    const error = await inputError(scriptArticle(article('bomb.md', bomb.join('\n'))));
    expect(error.message).toMatch(/^bomb\.md:\d+:\d+: the front matter .*aliases/);
  });

  test('custom tags are not run: a !!js/function stays text', async () => {
    const ssml = await scriptArticle(article('tags.md', 'title: !!js/function "function () { return 1 }"\nsource: !custom Millbrook Gazette'));
    const metadata = readScriptMetadata(ssml);
    expect(metadata.title).toBe('function () { return 1 }');
    expect(metadata.source).toBe('Millbrook Gazette');
  });

  test('a plain-text article with front matter reads it too', async () => {
    const path = article('story.txt', 'title: "Ferry timetable: two late sailings"\nsource: Millbrook Gazette');
    const ssml = await scriptArticle(path);
    expect(readScriptMetadata(ssml).title).toBe('Ferry timetable: two late sailings');
    expect(ssml).not.toContain('---');
  });
});

describe('a block between --- lines that is not front matter', () => {
  const story = 'The Millbrook town council voted on Monday to add two evening ferry crossings to the island of Skerrin.\n\nThe new sailings start next spring.\n';
  const spoken = (text: string): string => JSON.stringify(parsePlainText(text));

  test('a headline set between rules in a plain-text file stays text, with the story whole', () => {
    const text = spoken(`---\nFerry crossings added for Skerrin\n---\n\n${story}`);
    expect(text).toContain('Ferry crossings added for Skerrin');
    expect(text).toContain('The new sailings start next spring.');
  });

  test('a plain-text block that is not YAML is text, not an error', () => {
    const text = spoken(`---\nNote: this: breaks the timetable\n---\n\n${story}`);
    expect(text).toContain('Note: this: breaks the timetable');
    expect(text).toContain('The new sailings start next spring.');
  });

  test('Markdown keeps a scalar block as text too', () => {
    expect(JSON.stringify(parseMarkdown(`---\nFerry crossings added for Skerrin\n---\n\n${story}`))).toContain('Ferry crossings added for Skerrin');
  });
});
