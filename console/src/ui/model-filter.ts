import type { ModelInfo } from '../api/types';
import { formatPricePerMillion } from '../format/cost';

/** Chat models matching every word typed, against the id and the providers. */
export function filterModels(list: readonly ModelInfo[], query: string): ModelInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((model) => {
    if (model.embeddings) return false;
    const haystack = `${model.id} ${model.providers.join(' ')}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export function priceLabel(model: ModelInfo): string {
  if (!model.price) return 'price unknown';
  return `${formatPricePerMillion(model.price.input_per_million)} in · ${formatPricePerMillion(
    model.price.output_per_million,
  )} out per 1M`;
}
