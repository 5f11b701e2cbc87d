// Renders a message's Markdown into a container Preact does not touch, so repainting a
// streaming answer is a DOM update of its last block, batched to one per frame.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { LiveAnswer } from '../chat/live-answer';
import { copyText } from './copy-text';
import { enhance } from './enhance';
import { FrameBatcher } from './frame-batcher';
import { IncrementalMarkdownView } from './incremental-view';

function onCopyClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-copy-code]');
  if (!button) return;
  const code = button.closest('.code-block')?.querySelector('code');
  if (!code) return;
  void copyText(code.textContent ?? '').then((ok) => {
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
}

interface MarkdownViewProps {
  source: string;
  /** When given, the view follows this answer as it streams instead of `source`. */
  live?: LiveAnswer | null;
  onGrow?: () => void;
}

export function MarkdownView({ source, live, onGrow }: MarkdownViewProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<IncrementalMarkdownView | null>(null);
  const growRef = useRef(onGrow);
  growRef.current = onGrow;

  // Layout effects: a settled message is in the DOM before the list measures and scrolls.
  useLayoutEffect(() => {
    const element = container.current!;
    view.current = new IncrementalMarkdownView(element, enhance);
    return () => view.current?.clear();
  }, []);

  useLayoutEffect(() => {
    if (!live) view.current?.update(source, true);
  }, [source, live]);

  useEffect(() => {
    if (!live) return;
    const batcher = new FrameBatcher(() => {
      view.current?.update(live.content, live.phase === 'ended');
      growRef.current?.();
    });
    batcher.request();
    const unsubscribe = live.subscribe(() =>
      live.phase === 'ended' ? batcher.flushNow() : batcher.request(),
    );
    return () => {
      unsubscribe();
      batcher.dispose();
    };
  }, [live]);

  return <div class="markdown" ref={container} onClick={onCopyClick} />;
}
