import { describe, expect, it, vi } from 'vitest';
import { FrameBatcher } from './frame-batcher';
import { IncrementalMarkdownView } from './incremental-view';

describe('IncrementalMarkdownView', () => {
  it('re-renders only the blocks that changed', () => {
    const container = document.createElement('div');
    const view = new IncrementalMarkdownView(container, () => undefined);
    expect(view.update('First paragraph.\n\nSecond', false)).toBe(2);
    const first = container.firstElementChild;
    expect(view.update('First paragraph.\n\nSecond grows', false)).toBe(1);
    // The settled first block is the same node: untouched.
    expect(container.firstElementChild).toBe(first);
    expect(container.textContent?.trim()).toBe('First paragraph.\nSecond grows');
    expect(view.update('First paragraph.\n\nSecond grows', false)).toBe(0);
  });

  it('drops blocks that disappeared', () => {
    const container = document.createElement('div');
    const view = new IncrementalMarkdownView(container, () => undefined);
    view.update('a\n\nb\n\nc', true);
    view.update('a', true);
    expect(container.children).toHaveLength(1);
    expect(container.textContent?.trim()).toBe('a');
  });

  it('enhances a block once it is settled, and the last one only at the end', () => {
    const container = document.createElement('div');
    const enhance = vi.fn();
    const view = new IncrementalMarkdownView(container, enhance);
    view.update('```js\nx\n```\n\nstill', false);
    expect(enhance).toHaveBeenCalledTimes(1); // the code block, not the growing paragraph
    view.update('```js\nx\n```\n\nstill writing', false);
    expect(enhance).toHaveBeenCalledTimes(1);
    view.update('```js\nx\n```\n\nstill writing.', true);
    expect(enhance).toHaveBeenCalledTimes(2);
  });

  it('sanitizes what it inserts', () => {
    const container = document.createElement('div');
    new IncrementalMarkdownView(container, () => undefined).update(
      '<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))',
      true,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });
});

describe('FrameBatcher', () => {
  function fakeFrames() {
    const queue: (() => void)[] = [];
    return {
      schedule: (cb: () => void) => queue.push(cb),
      cancel: (handle: number) => {
        queue[handle - 1] = () => undefined;
      },
      runFrame: () => {
        const pending = queue.splice(0);
        pending.forEach((cb) => cb());
      },
    };
  }

  it('flushes once per frame however many updates arrive', () => {
    const frames = fakeFrames();
    const flush = vi.fn();
    const batcher = new FrameBatcher(flush, frames.schedule, frames.cancel);
    for (let i = 0; i < 100; i++) batcher.request();
    expect(flush).not.toHaveBeenCalled();
    frames.runFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    batcher.request();
    frames.runFrame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('flushNow writes at once and cancels the pending frame', () => {
    const frames = fakeFrames();
    const flush = vi.fn();
    const batcher = new FrameBatcher(flush, frames.schedule, frames.cancel);
    batcher.request();
    batcher.flushNow();
    expect(flush).toHaveBeenCalledTimes(1);
    frames.runFrame();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('keeps up with 100 tokens a second at 60 frames a second: at most one render a frame', () => {
    const frames = fakeFrames();
    const container = document.createElement('div');
    const view = new IncrementalMarkdownView(container, () => undefined);
    let text = '';
    let renders = 0;
    const batcher = new FrameBatcher(
      () => {
        renders++;
        view.update(text, false);
      },
      frames.schedule,
      frames.cancel,
    );
    // One simulated second: 100 tokens, a frame every 16.7 ms.
    let nextFrameAt = 16.7;
    for (let token = 0; token < 100; token++) {
      const at = token * 10;
      while (at >= nextFrameAt) {
        frames.runFrame();
        nextFrameAt += 16.7;
      }
      text += token % 20 === 19 ? 'word.\n\n' : 'word ';
      batcher.request();
    }
    frames.runFrame();
    expect(renders).toBeLessThanOrEqual(61);
    expect(container.textContent?.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});
