import { describe, expect, it } from 'vitest';
import { interpretEvent } from './stream-events';

describe('interpretEvent', () => {
  it('reads content and reasoning deltas', () => {
    expect(
      interpretEvent('{"choices":[{"delta":{"content":"Hi","reasoning_content":"think"}}]}'),
    ).toEqual([{ type: 'delta', content: 'Hi', reasoning: 'think' }]);
  });

  it('reads the usage chunk with cached and reasoning tokens and keygate’s cost', () => {
    const [event] = interpretEvent(
      JSON.stringify({
        choices: [],
        usage: {
          prompt_tokens: 100,
          completion_tokens: 50,
          prompt_tokens_details: { cached_tokens: 40 },
          completion_tokens_details: { reasoning_tokens: 12 },
          cost_usd: 0.00042,
        },
      }),
    );
    expect(event).toEqual({
      type: 'usage',
      usage: {
        prompt_tokens: 100,
        completion_tokens: 50,
        cached_tokens: 40,
        reasoning_tokens: 12,
        cost_usd: 0.00042,
      },
    });
  });

  it('turns an error event into an error, with its code and message', () => {
    expect(interpretEvent('{"error":{"message":"upstream 503","code":"upstream_error"}}')).toEqual([
      { type: 'error', code: 'upstream_error', message: 'upstream 503' },
    ]);
  });

  it('recognises [DONE] and ignores what is not JSON', () => {
    expect(interpretEvent('[DONE]')).toEqual([{ type: 'done' }]);
    expect(interpretEvent('not json')).toEqual([{ type: 'ignored' }]);
    expect(interpretEvent('{"choices":[{"delta":{}}]}')).toEqual([{ type: 'ignored' }]);
  });
});
