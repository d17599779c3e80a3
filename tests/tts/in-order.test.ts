import { describe, expect, test } from 'vitest';
import { mapInOrder } from '../../src/tts/in-order.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect<R>(results: AsyncIterable<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const result of results) all.push(result);
  return all;
}

describe('mapInOrder', () => {
  test('yields results in the order of the items, however the work finishes', async () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const results = await collect(mapInOrder(items, { concurrency: 4, lookAhead: 8 }, async (i) => {
      await sleep((i * 7) % 11);
      return i * 2;
    }));
    expect(results).toEqual(items.map((i) => i * 2));
  });

  test('never runs more than `concurrency` tasks, nor starts more than `lookAhead` unconsumed ones', async () => {
    let running = 0;
    let mostRunning = 0;
    let started = 0;
    let consumed = 0;
    let mostAhead = 0;
    const work = async (i: number) => {
      started++;
      mostAhead = Math.max(mostAhead, started - consumed);
      running++;
      mostRunning = Math.max(mostRunning, running);
      await sleep(i % 3);
      running--;
      return i;
    };
    for await (const _ of mapInOrder(Array.from({ length: 40 }, (_, i) => i), { concurrency: 3, lookAhead: 6 }, work)) {
      consumed++;
      await sleep(2); // a slow consumer, like a disk
    }
    expect(consumed).toBe(40);
    expect(mostRunning).toBe(3);
    expect(mostAhead).toBeLessThanOrEqual(6);
  });

  test('a failure surfaces at its turn, after the results before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const result of mapInOrder([0, 1, 2, 3], { concurrency: 2, lookAhead: 4 }, async (i) => {
        if (i === 2) throw new Error('run 2 failed');
        await sleep(5);
        return i;
      })) {
        seen.push(result);
      }
    };
    await expect(run()).rejects.toThrow('run 2 failed');
    expect(seen).toEqual([0, 1]);
  });

  test('stopping early starts nothing more', async () => {
    let started = 0;
    for await (const result of mapInOrder(Array.from({ length: 100 }, (_, i) => i), { concurrency: 2, lookAhead: 4 }, async (i) => {
      started++;
      return i;
    })) {
      if (result === 1) break;
    }
    expect(started).toBeLessThanOrEqual(6);
  });
});
