// What a part of the core opens, it registers here as it opens it; closing closes all of it, newest first (the desk
// before the database it writes to), and carries on past a close that fails, then reports the first failure. VS
// Code's DisposableStore, for closes that may be asynchronous.
export class Disposables {
  private readonly closes: Array<() => void | Promise<void>> = [];
  private disposed = false;

  /** Registers how to close `thing` and hands `thing` back, so opening and registering are one line. */
  add<T>(thing: T, close: (thing: T) => void | Promise<void>): T {
    if (this.disposed) throw new Error('These parts are already closed; open new ones.');
    this.closes.push(() => close(thing));
    return thing;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const failures: unknown[] = [];
    for (const close of this.closes.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  }
}
