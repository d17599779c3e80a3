import { expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { storiesWithStarts } from '../../src/publish/stories.js';
import { buildBulletinScript } from '../../src/script/bulletin.js';
import { readScriptMetadata } from '../../src/script/metadata.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';

const story = (title: string, text: string): Article => ({ title, sections: [{ paragraphs: [text] }] });

test("a story titled like a fixed chapter (Introduction, Headlines, Outro) gets its own chapter's start", () => {
  const stories = [
    story('Introduction', 'The council will introduce a parking permit scheme for the old town from March.'),
    story('Headlines', 'A local printer has kept the town paper in business for ninety years, its owners said.'),
    story('Outro', 'The band Outro played its farewell concert at the harbour hall on Saturday night.'),
  ];
  const ssml = buildBulletinScript(stories, { showName: 'Newscast', title: 'Evening bulletin' });
  // The chapters as the renderer finds them, in the script's order, ten seconds apart.
  const titles = parseSsml(ssml).flatMap((item) => (item.kind === 'mark' && item.name.startsWith('chapter:') ? [item.name.slice('chapter:'.length)] : []));
  expect(titles).toEqual(['Introduction', 'Headlines', 'Introduction', 'Headlines', 'Outro', 'Outro']);
  const chapters = titles.map((title, index) => ({ title, start: index * 10, end: index * 10 + 10 }));

  const starts = storiesWithStarts(readScriptMetadata(ssml).stories!, chapters).map((entry) => entry.chapterStart);
  expect(starts).toEqual([20, 30, 40]);
});
