// A bulletin's idempotency key: every article's bytes and format, in order, and its options.
import { expect, test } from 'vitest';
import { jobIdFor } from '../../src/jobs/job-key.js';
import type { JobRequest } from '../../src/jobs/queue.js';
import { bulletinRequest } from '../../src/jobs/service.js';

const ferry = 'Harbour ferry back on its winter timetable\n\nSailings every forty minutes.\n';
const choir = '# School choir wins county prize\n\nTwo songs by its own pupils.\n';
const id = (request: JobRequest) => jobIdFor(request);

test('the same stories, formats and options give the same id; defaults count as absent; names do not count', () => {
  const base = id(bulletinRequest({ articles: [{ article: ferry }, { article: choir, format: 'markdown' }], title: 'Evening news' }));
  expect(id(bulletinRequest({ articles: [{ article: Buffer.from(ferry), name: 'ferry.txt' }, { article: choir, format: 'markdown' }], title: ' Evening news ', rate: 1, skipBad: false }))).toBe(base);
  expect(base).toMatch(/^[0-9a-f]{32}$/);
});

test('another order, another format, another story or another option is another bulletin', () => {
  const base = id(bulletinRequest({ articles: [{ article: ferry }, { article: choir }] }));
  const others = [
    bulletinRequest({ articles: [{ article: choir }, { article: ferry }] }),
    bulletinRequest({ articles: [{ article: ferry }, { article: choir, format: 'markdown' }] }),
    bulletinRequest({ articles: [{ article: ferry }, { article: choir }, { article: ferry }] }),
    bulletinRequest({ articles: [{ article: ferry }, { article: `${choir}A late correction.\n` }] }),
    ...[{ headlines: 1 }, { maxMinutes: 3 }, { skipBad: true }, { title: 'Late news' }].map((options) => bulletinRequest({ articles: [{ article: ferry }, { article: choir }], ...options })),
  ];
  const ids = others.map(id);
  expect(new Set([base, ...ids]).size).toBe(others.length + 1);
});

test('a bulletin is never the same job as an episode, and an Idempotency-Key names the job whatever the stories', () => {
  const joined = `${ferry}\n${choir}`;
  const episode: JobRequest = { format: 'auto', content: Buffer.from(joined).toString('base64'), options: {} };
  expect(id(bulletinRequest({ articles: [{ article: ferry }, { article: choir }] }))).not.toBe(id(episode));
  expect(id(bulletinRequest({ articles: [{ article: ferry }, { article: choir }], idempotencyKey: 'cms-18h' }))).toBe(id({ ...episode, idempotencyKey: 'cms-18h' }));
});

test('the library refuses a bulletin of one article, a script as a story, or a bad option, as a usage error', () => {
  expect(() => bulletinRequest({ articles: [{ article: ferry }] })).toThrow(/A bulletin takes 2 to 50 articles, not 1\./);
  expect(() => bulletinRequest({ articles: [{ article: ferry }, { article: '<speak/>', format: 'ssml' as never }] })).toThrow(/Story 2: format "ssml" is not an article's\./);
  expect(() => bulletinRequest({ articles: [{ article: ferry }, { article: choir }], maxMinutes: 0 })).toThrow(/Invalid bulletin options: maxMinutes: maxMinutes is not above 0\./);
});
