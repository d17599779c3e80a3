/** How much work may run at once, and how far ahead of the consumer it may get. */
export interface InOrderLimits {
  /** Tasks running at the same time. */
  concurrency: number;
  /** Tasks started but not yet consumed (running or finished and waiting): bounds memory. */
  lookAhead: number;
}

/**
 * Maps `items` through `work` with bounded concurrency and yields the results in the items' order.
 * Finished results wait for the ones before them, but never more than `lookAhead` of them, so a long
 * input is processed in a sliding window and memory stays flat.
 */
export async function* mapInOrder<T, R>(items: Iterable<T>, limits: InOrderLimits, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const concurrency = Math.max(1, Math.floor(limits.concurrency));
  const lookAhead = Math.max(concurrency, Math.floor(limits.lookAhead));
  const slots = new Semaphore(concurrency);
  const source = items[Symbol.iterator]();
  const window: Promise<R>[] = [];

  /** Starts the next item's task, if there is one left. */
  const startNext = (): boolean => {
    const next = source.next();
    if (next.done) return false;
    const task = slots.run(() => work(next.value));
    // A failure is reported when its turn comes; until then it must not count as unhandled.
    task.catch(() => undefined);
    window.push(task);
    return true;
  };

  while (window.length < lookAhead && startNext());

  while (window.length > 0) {
    yield await window.shift()!;
    // Refilled only once the consumer is done with that result: it counts against the window too.
    startNext();
  }
}

/** First come, first served: tasks start in the order they asked, which keeps the head of the window moving. */
class Semaphore {
  private readonly waiting: Array<() => void> = [];
  private free: number;

  constructor(size: number) {
    this.free = size;
  }

  async run<R>(task: () => Promise<R>): Promise<R> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
