import type { Message } from '../api/types';

export interface Standouts {
  cheapest: string | null;
  fastest: string | null;
}

/** Among finished answers with figures, the cheapest and the fastest (only if they differ). */
export function standouts(answers: readonly Message[]): Standouts {
  const done = answers.filter((a) => a.status === 'complete');
  if (done.length < 2) return { cheapest: null, fastest: null };
  const costOf = (a: Message) => a.cost_nanos ?? (a.cost_usd !== null ? a.cost_usd * 1e9 : null);
  const priced = done.filter((a) => costOf(a) !== null);
  const timed = done.filter((a) => a.total_ms !== null);
  const pick = (list: Message[], value: (a: Message) => number): string | null => {
    if (list.length < 2) return null;
    const sorted = [...list].sort((a, b) => value(a) - value(b));
    const [first, second] = sorted;
    return first && second && value(first) < value(second) ? first.id : null;
  };
  return {
    cheapest: pick(priced, (a) => costOf(a)!),
    fastest: pick(timed, (a) => a.total_ms!),
  };
}
