import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lockFileName, withOutputLock } from '../../src/publish/output-lock.js';

describe('withOutputLock', () => {
  test('one holder at a time: the second waits for the first', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const order: string[] = [];
    let release!: () => void;
    const first = withOutputLock(out, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = withOutputLock(out, async () => {
      order.push('second in');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(existsSync(join(out, lockFileName))).toBe(false);
  });

  test("a killed run's lock is taken over", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    writeFileSync(join(out, lockFileName), `${spawnSync(process.execPath, ['-e', '']).pid}\n`);
    await expect(withOutputLock(out, async () => 'published')).resolves.toBe('published');
  });
});
