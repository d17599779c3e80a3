import { describe, expect, test } from 'vitest';
import { exitCleanlyOnSignals, RunState } from '../src/interrupt.js';

describe('RunState.describe', () => {
  test('a batch stopped on its second article names the first one written, not "out is as it was"', () => {
    const run = new RunState('out', ['a.txt', 'b.txt', 'c.txt']);
    run.start('a.txt');
    run.progress({ stage: 'publish', fraction: 0.5, written: 'out/a' });
    run.finish();
    run.start('b.txt');
    run.progress({ stage: 'assemble', fraction: 0 });
    const line = run.describe('SIGINT');
    expect(line).toBe('newscast: stopped by SIGINT during assemble of b.txt: its episode was not written; wrote out/a; not started: c.txt.');
    expect(line).not.toContain('as it was');
  });

  test('a first article stopped before publishing leaves the folder as it was', () => {
    const run = new RunState('out', ['a.txt']);
    run.start('a.txt');
    run.progress({ stage: 'render', fraction: 0 });
    expect(run.describe('SIGTERM')).toBe('newscast: stopped by SIGTERM during render of a.txt: its episode was not written; out is as it was.');
  });
});

test('SIGHUP is not handled, so `nohup newscast …` keeps running when its terminal goes', () => {
  const signals = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;
  const before = Object.fromEntries(signals.map((signal) => [signal, process.listeners(signal)]));
  exitCleanlyOnSignals();
  const added = Object.fromEntries(signals.map((signal) => [signal, process.listeners(signal).filter((listener) => !before[signal]!.includes(listener))]));
  for (const signal of signals) for (const listener of added[signal]!) process.removeListener(signal, listener);
  expect(added.SIGHUP).toHaveLength(0);
  expect(added.SIGINT).toHaveLength(1);
  expect(added.SIGTERM).toHaveLength(1);
});
