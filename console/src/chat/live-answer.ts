// An answer while it streams: its text so far and its provisional figures. Views subscribe
// to it directly, so a token repaints one message, not the conversation.
import type { Explanation } from '../format/refusal';
import type { StreamUsage } from './stream-events';

export type LivePhase = 'waiting' | 'streaming' | 'ended';

export class LiveAnswer {
  content = '';
  reasoning = '';
  usage: StreamUsage | null = null;
  phase: LivePhase = 'waiting';
  firstTokenAt: number | null = null;
  endedAt: number | null = null;
  error: Explanation | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly messageId: string,
    readonly model: string,
    readonly startedAt: number = performance.now(),
  ) {}

  append(content: string, reasoning: string): void {
    if (this.firstTokenAt === null) this.firstTokenAt = performance.now();
    this.phase = 'streaming';
    this.content += content;
    this.reasoning += reasoning;
    this.notify();
  }

  setUsage(usage: StreamUsage): void {
    this.usage = usage;
    this.notify();
  }

  end(error: Explanation | null = null): void {
    this.phase = 'ended';
    this.endedAt = performance.now();
    this.error = error;
    this.notify();
  }

  get ttftMs(): number | null {
    return this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt;
  }

  get elapsedMs(): number {
    return (this.endedAt ?? performance.now()) - this.startedAt;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
