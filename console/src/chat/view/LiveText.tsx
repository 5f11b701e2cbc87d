// Plain text that follows a streaming answer's reasoning, repainted once per frame.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FrameBatcher } from '../../markdown/frame-batcher';
import type { LiveAnswer } from '../live-answer';

export function LiveText({ live, text }: { live: LiveAnswer | null; text: string }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!live) {
      if (ref.current) ref.current.textContent = text;
      return;
    }
    const batcher = new FrameBatcher(() => {
      if (ref.current) ref.current.textContent = live.reasoning;
    });
    batcher.request();
    const unsubscribe = live.subscribe(() => batcher.request());
    return () => {
      unsubscribe();
      batcher.dispose();
    };
  }, [live, text]);
  return <div class="reasoning-text" ref={ref} />;
}
