import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { scriptBulletin } from '../src/bulletin.js';
import { scriptArticle } from '../src/pipeline.js';
import { readScriptMetadata } from '../src/script/metadata.js';

const ferry = resolve('tests/fixtures/articles/bulletin-ferry-resumes.md');

test('--skip-bad: the script records a left-out article by its file name and the error, never its folder', async () => {
  // A newsroom's drafts folder: its path names what is under embargo.
  const drafts = join(mkdtempSync(join(tmpdir(), 'newscast-left-out-')), 'embargoed-until-friday');
  mkdirSync(drafts);
  const empty = join(drafts, 'minister-resigns.txt');
  writeFileSync(empty, '');
  const missing = join(drafts, 'merger-talks.md');
  const notes: string[] = [];
  const ssml = await scriptBulletin([ferry, missing, empty], { skipBad: true, onNote: (note) => notes.push(note) });

  expect(ssml).not.toContain('embargoed-until-friday');
  expect(readScriptMetadata(ssml).leftOut).toEqual([
    { article: 'merger-talks.md', kind: 'input', reason: 'merger-talks.md does not exist.' },
    { article: 'minister-resigns.txt', kind: 'input', reason: 'minister-resigns.txt is empty.' },
  ]);
  // The full paths are for whoever ran the command (stderr), not the published files.
  expect(notes[0]).toContain(missing);
  expect(notes[1]).toContain(empty);
});

test('the script names the built-in template it was written for, for render to use; a template folder is not named', async () => {
  const news = await scriptBulletin([ferry], { template: 'news' });
  expect(readScriptMetadata(news).template).toBe('news');
  // As a single-story script does.
  expect(readScriptMetadata(await scriptArticle(ferry, { template: 'news' })).template).toBe('news');
  // A folder's path would not travel with the script, and would publish the newsroom's layout.
  const folder = resolve('audio-templates/news');
  expect(readScriptMetadata(await scriptBulletin([ferry], { template: folder })).template).toBeUndefined();
  expect(readScriptMetadata(await scriptBulletin([ferry])).template).toBeUndefined();
});
