// Under every answer: tokens, exact cost, time to first token, total time, deployment.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Message } from '../../api/types';
import { formatDuration, formatNanos, formatTokens, usdToNanos } from '../../format/cost';
import type { LiveAnswer } from '../live-answer';

interface Figures {
  prompt: number | null;
  cached: number | null;
  completion: number | null;
  reasoning: number | null;
  costNanos: bigint | null;
  ttftMs: number | null;
  totalMs: number | null;
  deployment: string | null;
  provisional: boolean;
}

function fromMessage(message: Message): Figures {
  const usage = message.usage;
  let costNanos: bigint | null = null;
  if (message.cost_nanos !== null) costNanos = BigInt(Math.trunc(message.cost_nanos));
  else if (message.cost_usd !== null) costNanos = usdToNanos(message.cost_usd);
  return {
    prompt: usage?.prompt_tokens ?? null,
    cached: usage?.cached_tokens ?? null,
    completion: usage?.completion_tokens ?? null,
    reasoning: usage?.reasoning_tokens ?? null,
    costNanos,
    ttftMs: message.ttft_ms,
    totalMs: message.total_ms,
    deployment: message.deployment,
    provisional: false,
  };
}

function fromLive(live: LiveAnswer): Figures {
  const usage = live.usage;
  return {
    prompt: usage?.prompt_tokens ?? null,
    cached: usage?.cached_tokens ?? null,
    completion: usage?.completion_tokens ?? null,
    reasoning: usage?.reasoning_tokens ?? null,
    costNanos: usage?.cost_usd != null ? usdToNanos(usage.cost_usd) : null,
    ttftMs: live.ttftMs,
    totalMs: live.elapsedMs,
    deployment: null,
    provisional: true,
  };
}

function Figure({ label, value }: { label: string; value: string }): JSX.Element {
  return (
    <span class="figure">
      <span class="figure-value">{value}</span> <span class="figure-label">{label}</span>
    </span>
  );
}

export function CostLine({ message, live }: { message: Message; live?: LiveAnswer | null }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!live) return;
    // Elapsed time moves without tokens too: repaint a few times a second, not per token.
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    const unsubscribe = live.subscribe(() => {
      if (live.usage) setTick((t) => t + 1);
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [live]);

  const f = live ? fromLive(live) : fromMessage(message);
  const parts: JSX.Element[] = [];
  if (f.prompt !== null) parts.push(<Figure label="in" value={formatTokens(f.prompt)} />);
  if (f.cached) parts.push(<Figure label="cached" value={formatTokens(f.cached)} />);
  if (f.completion !== null) parts.push(<Figure label="out" value={formatTokens(f.completion)} />);
  if (f.reasoning) parts.push(<Figure label="reasoning" value={formatTokens(f.reasoning)} />);
  if (f.ttftMs !== null)
    parts.push(<Figure label="to first token" value={formatDuration(f.ttftMs)} />);
  if (f.totalMs !== null) parts.push(<Figure label="total" value={formatDuration(f.totalMs)} />);
  if (f.deployment) parts.push(<span class="figure figure-deployment">{f.deployment}</span>);

  if (parts.length === 0 && f.costNanos === null) return null;
  return (
    <div class={`cost-line ${f.provisional ? 'is-provisional' : ''}`}>
      {f.costNanos !== null && (
        <span
          class="cost"
          title={
            f.provisional ? 'Provisional: from the stream, before the ledger' : 'From the ledger'
          }
        >
          {formatNanos(f.costNanos)}
          {f.provisional && <span class="figure-label"> so far</span>}
        </span>
      )}
      {parts.map((part, i) => (
        <span key={i} class="cost-part">
          {part}
        </span>
      ))}
    </div>
  );
}
