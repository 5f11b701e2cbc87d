import { describe, expect, it } from 'vitest';
import type { DeploymentHealth, ModelGroup } from '../api/types';
import { countHealth, failureWords, groupHasTrouble, stateWords } from './health-words';

const dep = (patch: Partial<DeploymentHealth>): DeploymentHealth => ({
  id: 'openai/gpt-4.1',
  provider: 'openai',
  model: 'gpt-4.1',
  state: 'healthy',
  cooldown_until: null,
  recent_failures: {},
  in_flight: 0,
  latency_ms: { p50: null, p95: null },
  ttft_ms: { p50: null, p95: null },
  price: null,
  ...patch,
});

describe('deployment health in words', () => {
  it('says how long a cooldown lasts', () => {
    const words = stateWords(dep({ state: 'cooling_down', cooldown_until: 100_000 }), 58_000);
    expect(words.label).toBe('Cooling down');
    expect(words.tone).toBe('danger');
    expect(words.detail).toMatch(/\(42 s\)$/);
    expect(stateWords(dep({ state: 'cooling_down', cooldown_until: 600_000 }), 0).detail).toMatch(
      /in 10 minutes/,
    );
    expect(stateWords(dep({ state: 'probing' }), 0).label).toBe('Probing');
    expect(stateWords(dep({}), 0)).toEqual({ label: 'Healthy', tone: 'good', detail: null });
  });

  it('lists failures, most first, and counts states', () => {
    expect(failureWords({ timeout: 1, '5xx': 4, rate_limited: 0 })).toEqual(['4 5xx', '1 timeout']);
    const group: ModelGroup = {
      name: 'g',
      strategy: 's',
      retries: 1,
      fallbacks: [],
      context_window_fallbacks: [],
      content_policy_fallbacks: [],
      deployments: [dep({}), dep({ state: 'probing' }), dep({ state: 'cooling_down' })],
    };
    expect(countHealth([group])).toEqual({ healthy: 1, cooling: 1, probing: 1 });
    expect(groupHasTrouble(group)).toBe(true);
    expect(groupHasTrouble({ ...group, deployments: [dep({})] })).toBe(false);
  });
});
