// Coalesces many updates (one per streamed token) into one DOM write per animation frame.

export type FrameScheduler = (callback: () => void) => number;
export type FrameCanceller = (handle: number) => void;

export class FrameBatcher {
  private handle: number | null = null;

  constructor(
    private readonly flush: () => void,
    private readonly schedule: FrameScheduler = (cb) => requestAnimationFrame(cb),
    private readonly cancel: FrameCanceller = (h) => cancelAnimationFrame(h),
  ) {}

  /** Asks for a flush on the next frame; any number of requests before it make one flush. */
  request(): void {
    if (this.handle !== null) return;
    this.handle = this.schedule(() => {
      this.handle = null;
      this.flush();
    });
  }

  /** Flushes now (the stream ended) instead of waiting for the frame. */
  flushNow(): void {
    this.dispose();
    this.flush();
  }

  dispose(): void {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
  }
}
