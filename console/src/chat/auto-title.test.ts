import { describe, expect, it } from 'vitest';
import { cleanTitle, titleFromPrompt } from './auto-title';

describe('titles', () => {
  it('takes the first line of the prompt, cut at a word', () => {
    expect(titleFromPrompt('  Plan a trip\nwith details')).toBe('Plan a trip');
    expect(titleFromPrompt('')).toBe('New chat');
    const long = titleFromPrompt('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('cleans what a model writes as a title', () => {
    expect(cleanTitle('"Trip to Lisbon."')).toBe('Trip to Lisbon');
    expect(cleanTitle('Title: **Rust lifetimes**\nextra')).toBe('Rust lifetimes');
    expect(cleanTitle('  ')).toBeNull();
  });
});
