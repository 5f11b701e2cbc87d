import { describe, expect, it } from 'vitest';
import { ThrottledSaver, type Clock } from './throttled-saver';

function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  return { clock, advance };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ThrottledSaver', () => {
  it('saves at most once a second however often it is asked', async () => {
    const { clock, advance } = fakeClock();
    let saves = 0;
    const saver = new ThrottledSaver(async () => void saves++, 1000, clock);
    for (let ms = 0; ms < 3000; ms += 10) {
      saver.schedule();
      advance(10);
      await settle();
    }
    expect(saves).toBeGreaterThanOrEqual(3);
    expect(saves).toBeLessThanOrEqual(4);
  });

  it('saves the first change at once', async () => {
    const { clock } = fakeClock();
    let saves = 0;
    const saver = new ThrottledSaver(async () => void saves++, 1000, clock);
    saver.schedule();
    await settle();
    expect(saves).toBe(1);
  });

  it('finish cancels a pending save and waits for the one under way', async () => {
    const { clock, advance } = fakeClock();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const saver = new ThrottledSaver(
      () =>
        new Promise<void>((resolve) => {
          log.push('start');
          release = () => {
            log.push('end');
            resolve();
          };
        }),
      1000,
      clock,
    );
    saver.schedule(); // runs now
    saver.schedule(); // pending for later
    const finished = saver.finish().then(() => log.push('finished'));
    advance(5000);
    await settle();
    release();
    await finished;
    expect(log).toEqual(['start', 'end', 'finished']);
  });

  it('survives a failed save', async () => {
    const { clock, advance } = fakeClock();
    let calls = 0;
    const saver = new ThrottledSaver(
      async () => {
        calls++;
        if (calls === 1) throw new Error('offline');
      },
      1000,
      clock,
    );
    saver.schedule();
    await settle();
    advance(1000);
    saver.schedule();
    await settle();
    await saver.finish();
    expect(calls).toBe(2);
  });
});
