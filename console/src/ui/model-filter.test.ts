import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../api/types';
import { filterModels, priceLabel } from './model-filter';

const model = (id: string, providers: string[], embeddings = false): ModelInfo => ({
  id,
  providers,
  deployments: 1,
  price: { input_per_million: 2.5, output_per_million: 10, cached_input_per_million: null },
  vision: false,
  reasoning: false,
  embeddings,
});

const list = [
  model('gpt-4.1', ['openai', 'azure']),
  model('claude-sonnet-4', ['anthropic']),
  model('text-embedding-3-small', ['openai'], true),
];

describe('filterModels', () => {
  it('matches every typed word against id and providers, case-insensitively', () => {
    expect(filterModels(list, 'AZURE').map((m) => m.id)).toEqual(['gpt-4.1']);
    expect(filterModels(list, 'sonnet anthropic').map((m) => m.id)).toEqual(['claude-sonnet-4']);
    expect(filterModels(list, 'sonnet openai')).toEqual([]);
  });

  it('never offers embedding models for chat', () => {
    expect(filterModels(list, '').map((m) => m.id)).toEqual(['gpt-4.1', 'claude-sonnet-4']);
  });

  it('labels prices per million tokens', () => {
    expect(priceLabel(list[0]!)).toBe('$2.50 in · $10.00 out per 1M');
    expect(priceLabel({ ...list[0]!, price: null })).toBe('price unknown');
  });
});
