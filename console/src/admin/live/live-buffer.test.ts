import { describe, expect, it } from 'vitest';
import { FrameTicker, LiveBuffer, RateMeter } from './live-buffer';

describe('the live buffer', () => {
  it('shows arrivals newest first, once flushed', () => {
    const buffer = new LiveBuffer<number>(5);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.rows()).toEqual([]);
    expect(buffer.waiting).toBe(2);
    expect(buffer.flush()).toBe(true);
    expect(buffer.rows()).toEqual([2, 1]);
    expect(buffer.flush()).toBe(false);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const buffer = new LiveBuffer<number>(5);
    for (let i = 1; i <= 3; i++) buffer.push(i);
    buffer.flush();
    for (let i = 4; i <= 7; i++) buffer.push(i);
    buffer.flush();
    expect(buffer.rows()).toEqual([7, 6, 5, 4, 3]);
    for (let i = 8; i <= 1000; i++) buffer.push(i);
    buffer.flush();
    expect(buffer.rows()).toEqual([1000, 999, 998, 997, 996]);
  });

  it('holds arrivals while paused and counts them, bounded', () => {
    const buffer = new LiveBuffer<number>(3);
    buffer.push(1);
    buffer.flush();
    buffer.pause();
    for (let i = 2; i <= 50; i++) buffer.push(i);
    expect(buffer.flush()).toBe(false);
    expect(buffer.rows()).toEqual([1]);
    expect(buffer.waiting).toBe(3);
    buffer.resume();
    expect(buffer.flush()).toBe(true);
    expect(buffer.rows()).toEqual([50, 49, 48]);
    expect(buffer.waiting).toBe(0);
  });

  it('batches a burst into one frame', () => {
    const frames: (() => void)[] = [];
    let runs = 0;
    const ticker = new FrameTicker(
      () => runs++,
      (cb) => frames.push(cb),
      () => undefined,
    );
    for (let i = 0; i < 300; i++) ticker.request();
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(runs).toBe(1);
    ticker.request();
    expect(frames).toHaveLength(2);
  });

  it('measures the rate over its window', () => {
    const meter = new RateMeter(10_000);
    for (let i = 0; i < 20; i++) meter.mark(1000 + i * 100);
    // 20 in the 4 seconds since the first: 300 a minute.
    expect(meter.perMinute(5000)).toBe(300);
    // 20 in a full window of 10 seconds: 120 a minute.
    expect(meter.perMinute(11_000)).toBe(120);
    expect(meter.perMinute(20_000)).toBe(0);
  });
});
