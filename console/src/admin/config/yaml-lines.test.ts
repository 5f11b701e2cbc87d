import { describe, expect, it } from 'vitest';
import { lineParts, markMatches } from './yaml-lines';

describe('configuration lines', () => {
  it('tells keys, values, comments and masked secrets apart', () => {
    expect(lineParts('  api_key: "***"  # from env')).toEqual([
      { text: '  ', kind: 'plain' },
      { text: 'api_key', kind: 'key' },
      { text: ':', kind: 'plain' },
      { text: ' ', kind: 'plain' },
      { text: '"***"', kind: 'secret' },
      { text: '  ', kind: 'plain' },
      { text: '# from env', kind: 'comment' },
    ]);
    expect(lineParts('# all of it')).toEqual([{ text: '# all of it', kind: 'comment' }]);
    expect(lineParts('  - model_name: gpt-4.1')[1]).toEqual({ text: 'model_name', kind: 'key' });
    expect(lineParts('url: "http://a#b"')).toEqual([
      { text: 'url', kind: 'key' },
      { text: ':', kind: 'plain' },
      { text: ' "http://a#b"', kind: 'plain' },
    ]);
  });

  it('marks matches without caring for case, inside and across parts', () => {
    const { parts, count } = markMatches(lineParts('model: GPT-4.1 # gpt'), 'gpt');
    expect(count).toBe(2);
    expect(parts.filter((p) => p.kind === 'match').map((p) => p.text)).toEqual(['GPT', 'gpt']);
    expect(markMatches(lineParts('a: b'), '').count).toBe(0);
  });
});
