// Saves a streaming answer at most once per interval, one save at a time, and a last time
// when it ends, so a reload or a dropped connection loses at most a second of text.

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ThrottledSaver {
  private lastSaveAt = -Infinity;
  private timer: unknown = null;
  private inFlight: Promise<void> = Promise.resolve();
  private finished = false;

  constructor(
    private readonly save: () => Promise<unknown>,
    private readonly intervalMs = 1000,
    private readonly clock: Clock = realClock,
  ) {}

  /** Something changed: save now if the interval has passed, else once it has. */
  schedule(): void {
    if (this.finished || this.timer !== null) return;
    const wait = this.lastSaveAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.run();
    } else {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.run();
      }, wait);
    }
  }

  /** Cancels any pending save and waits for the one under way; the caller saves the end. */
  async finish(): Promise<void> {
    this.finished = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private run(): void {
    this.lastSaveAt = this.clock.now();
    this.inFlight = this.inFlight.then(() =>
      this.save().then(
        () => undefined,
        () => undefined, // a failed interim save is retried by the next one or the final one
      ),
    );
  }
}
