// The live tail's memory: events arrive in bursts (hundreds a second), the view draws once per
// animation frame. Arrivals wait in `pending` until the next flush; the shown rows are bounded
// (newest first), and so is what waits while the tail is paused.

export class LiveBuffer<T> {
  private shown: T[] = [];
  private pending: T[] = [];
  private pausedFlag = false;
  /** Arrivals not kept because the pending queue was full while paused. */
  private overflowed = 0;

  constructor(readonly capacity = 500) {}

  push(item: T): void {
    this.pending.push(item);
    // Only the newest `capacity` can ever be shown: drop the rest early, in chunks.
    if (this.pending.length > this.capacity * 2) {
      const extra = this.pending.length - this.capacity;
      this.pending.splice(0, extra);
      this.overflowed += extra;
    }
  }

  /** Moves waiting rows into view; true when the shown rows changed. */
  flush(): boolean {
    if (this.pausedFlag || this.pending.length === 0) return false;
    const incoming = this.pending;
    this.pending = [];
    const newestFirst: T[] = [];
    for (let i = incoming.length - 1; i >= 0 && newestFirst.length < this.capacity; i--)
      newestFirst.push(incoming[i] as T);
    const keep = this.capacity - newestFirst.length;
    this.shown = keep > 0 ? newestFirst.concat(this.shown.slice(0, keep)) : newestFirst;
    this.overflowed = 0;
    return true;
  }

  rows(): readonly T[] {
    return this.shown;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Rows that arrived while paused (or since the last frame), up to what can be shown. */
  get waiting(): number {
    return Math.min(this.capacity, this.pending.length + this.overflowed);
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
  }

  clear(): void {
    this.shown = [];
    this.pending = [];
    this.overflowed = 0;
  }
}

/** Calls `run` at most once per animation frame, when asked to. */
export class FrameTicker {
  private handle: number | null = null;

  constructor(
    private readonly run: () => void,
    private readonly schedule: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancel: (handle: number) => void = (h) => cancelAnimationFrame(h),
  ) {}

  request(): void {
    if (this.handle !== null) return;
    this.handle = this.schedule(() => {
      this.handle = null;
      this.run();
    });
  }

  stop(): void {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
  }
}

/** Requests per minute over a sliding window, from the moments rows arrived. */
export class RateMeter {
  private stamps: number[] = [];
  private started: number | null = null;

  constructor(private readonly windowMs = 10_000) {}

  mark(now: number): void {
    this.started ??= now;
    this.stamps.push(now);
    if (this.stamps.length > 5000) this.stamps.splice(0, this.stamps.length - 5000);
  }

  perMinute(now: number): number {
    const since = now - this.windowMs;
    let first = 0;
    while (first < this.stamps.length && (this.stamps[first] ?? 0) < since) first++;
    if (first > 0) this.stamps.splice(0, first);
    // In the first seconds the window is as long as the tail has been open.
    const span = Math.min(this.windowMs, Math.max(1000, now - (this.started ?? now)));
    return Math.round((this.stamps.length * 60_000) / span);
  }
}
