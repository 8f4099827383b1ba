/**
 * Runs tasks one after another (per modem: reads, sweeps, health, re-init never interleave).
 * `clear()` drops tasks not yet started; their promises resolve to undefined.
 */
export class SerialTaskQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private pendingCount = 0;

  get pending(): number {
    return this.pendingCount;
  }

  run<T>(task: () => Promise<T>): Promise<T | undefined> {
    const generation = this.generation;
    this.pendingCount += 1;
    const result = this.tail.then(async () => {
      try {
        if (generation !== this.generation) {
          return undefined;
        }
        return await task();
      } finally {
        this.pendingCount -= 1;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  clear(): void {
    this.generation += 1;
  }
}
