// What a request's caches did, in words for its detail panel: an answer replayed from the
// response cache, or a prompt cache that made the provider's input cheaper (or, on a first
// write, dearer).
import type { RequestRow } from '../api/types';
import { formatNanos, savedNanosOf } from './money';

export interface SavingWords {
  title: string;
  text: string;
  /** The saving in nanodollars, as the ledger has it (negative: a write premium). */
  nanos: bigint;
}

export function savingWords(row: RequestRow): SavingWords | null {
  const saved = savedNanosOf(row);
  if (row.cache_hit) {
    return {
      title: 'Answered from the response cache',
      text:
        saved === null
          ? 'No provider was asked; it cost nothing.'
          : `No provider was asked; it cost nothing and saved ${formatNanos(saved)}, what the answer cost when it was made.`,
      nanos: saved ?? 0n,
    };
  }
  if (saved === null || saved === 0n) return null;
  if (saved > 0n)
    return {
      title: 'Prompt cache',
      text: `Input read from the provider’s cache saved ${formatNanos(saved)}, cache-write premiums taken off.`,
      nanos: saved,
    };
  return {
    title: 'Prompt cache',
    text: `Writing the prompt to the provider’s cache cost ${formatNanos(-saved)} more than plain input; later turns read it cheaper.`,
    nanos: saved,
  };
}
