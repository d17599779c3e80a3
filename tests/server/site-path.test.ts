// A file removed between realpath and stat (a DELETE or a publish's swap running at the same
// time) is simply not there: 404, not a 500.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { HttpError } from '../../src/server/http-error.js';
import { resolveSitePath } from '../../src/server/site-path.js';

/** Called with each path stat is asked about, before it looks (node:fs/promises is otherwise real). */
const beforeStat = vi.hoisted(() => ({ hook: undefined as ((path: string) => void) | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const stat = ((path: Parameters<typeof fs.stat>[0], ...rest: []) => {
    beforeStat.hook?.(String(path));
    return fs.stat(path, ...rest);
  }) as typeof fs.stat;
  return { ...fs, stat, default: { ...fs, stat } };
});

test('a file removed between realpath and stat is a 404', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'newscast-site-path-')));
  mkdirSync(join(root, 'ferry'));
  writeFileSync(join(root, 'ferry', 'episode.mp3'), Buffer.alloc(10));
  expect(await resolveSitePath(root, '/ferry/episode.mp3')).toMatchObject({ kind: 'file', size: 10 });
  beforeStat.hook = (path) => rmSync(path, { recursive: true, force: true });
  try {
    const error = await resolveSitePath(root, '/ferry/episode.mp3').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(404);
  } finally {
    beforeStat.hook = undefined;
  }
});
