// How many requests of one kind are open at once in this hub process, by key (an address block, a terminal): what the
// limits on password checks and on a counter's open requests count. Nothing is kept once a key's count is back to 0.
export class OpenCounts {
  private readonly open = new Map<string, number>();

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }

  /** Runs `work` with each key counted open meanwhile, however it ends. */
  async during<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    for (const key of keys) this.open.set(key, this.count(key) + 1);
    try {
      return await work();
    } finally {
      for (const key of keys) {
        const left = this.count(key) - 1;
        if (left > 0) this.open.set(key, left);
        else this.open.delete(key);
      }
    }
  }
}
