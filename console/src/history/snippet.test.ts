import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('marks the hits between brackets', () => {
    expect(snippetParts('…the [rollout] shifts [traffic] slowly')).toEqual([
      { text: '…the ', hit: false },
      { text: 'rollout', hit: true },
      { text: ' shifts ', hit: false },
      { text: 'traffic', hit: true },
      { text: ' slowly', hit: false },
    ]);
  });

  it('keeps markup as text (it is rendered as text, never HTML)', () => {
    expect(snippetParts('<b>[x]</b>')).toEqual([
      { text: '<b>', hit: false },
      { text: 'x', hit: true },
      { text: '</b>', hit: false },
    ]);
  });
});
