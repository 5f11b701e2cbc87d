// What the mock keygate is configured with, for the admin pages: model groups and their
// deployments, teams and the keys that make the seeded traffic.

/** Deployments per model group (ids as keygate names them: provider/model[-region]). */
export const GROUPS = [
  group(
    'claude-sonnet-4',
    'least-busy',
    2,
    ['gpt-4.1'],
    [
      dep('anthropic/claude-sonnet-4', 'anthropic', 'claude-sonnet-4-20250514', 3, 15, 0.3),
      dep('bedrock/claude-sonnet-4-us', 'bedrock', 'anthropic.claude-sonnet-4', 3, 15, 0.3),
    ],
  ),
  group(
    'deepseek-r1',
    'cheapest',
    1,
    ['o4-mini'],
    [
      dep('deepseek/deepseek-r1', 'deepseek', 'deepseek-reasoner', 0.55, 2.19, 0.14),
      dep('together/deepseek-r1', 'together', 'deepseek-ai/DeepSeek-R1', 3, 7, null),
    ],
  ),
  group(
    'gemini-2.5-flash',
    'simple-shuffle',
    2,
    ['gpt-4.1-mini'],
    [dep('gemini/gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', 0.3, 2.5, 0.075)],
  ),
  group(
    'gpt-4.1',
    'latency-based',
    2,
    ['claude-sonnet-4'],
    [
      dep('openai/gpt-4.1', 'openai', 'gpt-4.1-2025-04-14', 2, 8, 0.5),
      dep('azure/gpt-4.1-eastus', 'azure', 'gpt-4.1', 2, 8, 0.5),
    ],
  ),
  group(
    'gpt-4.1-mini',
    'simple-shuffle',
    2,
    ['gemini-2.5-flash'],
    [dep('openai/gpt-4.1-mini', 'openai', 'gpt-4.1-mini-2025-04-14', 0.4, 1.6, 0.1)],
  ),
  group(
    'llama-3.3-70b',
    'usage-based',
    1,
    [],
    [
      dep('groq/llama-3.3-70b', 'groq', 'llama-3.3-70b-versatile', 0.59, 0.79, null),
      dep('ollama/llama3.3', 'ollama', 'llama3.3:70b', null),
    ],
  ),
  group(
    'mistral-large',
    'simple-shuffle',
    2,
    ['gpt-4.1'],
    [dep('mistral/mistral-large', 'mistral', 'mistral-large-latest', 2, 6, null)],
  ),
  group(
    'o4-mini',
    'simple-shuffle',
    2,
    ['gpt-4.1-mini'],
    [dep('openai/o4-mini', 'openai', 'o4-mini-2025-04-16', 1.1, 4.4, 0.275)],
  ),
  group(
    'text-embedding-3-small',
    'simple-shuffle',
    2,
    [],
    [dep('openai/text-embedding-3-small', 'openai', 'text-embedding-3-small', 0.02, 0, null)],
  ),
];

function group(name, strategy, retries, fallbacks, deployments) {
  return {
    name,
    strategy,
    retries,
    fallbacks,
    context_window_fallbacks: name === 'gpt-4.1-mini' ? ['gpt-4.1'] : [],
    content_policy_fallbacks: name === 'claude-sonnet-4' ? ['gpt-4.1'] : [],
    deployments,
  };
}

function dep(id, provider, model, input, output, cached) {
  return {
    id,
    provider,
    model,
    price:
      input === null
        ? null
        : {
            input_per_million: input,
            output_per_million: output,
            cached_input_per_million: cached,
          },
  };
}

export function findGroup(name) {
  return GROUPS.find((g) => g.name === name);
}

export function findDeployment(id) {
  for (const g of GROUPS) {
    const d = g.deployments.find((x) => x.id === id);
    if (d) return { group: g, deployment: d };
  }
  return null;
}

export function priceNanos(price, tokens) {
  if (!price) return null;
  const uncached = Math.max(0, tokens.prompt - tokens.cached);
  const cachedPrice = price.cached_input_per_million ?? price.input_per_million;
  return Math.round(
    uncached * price.input_per_million * 1000 +
      tokens.cached * cachedPrice * 1000 +
      tokens.completion * price.output_per_million * 1000,
  );
}

/** Teams: from the config file, or made with the admin API. */
export const TEAMS = [
  team('research', 'api', 500, 'monthly', 600, 2_000_000, 16, []),
  team('platform', 'config', 2000, 'monthly', 3000, 10_000_000, 64, []),
  team('household', 'api', 40, 'monthly', 120, 400_000, 6, [
    'gpt-4.1-mini',
    'gemini-2.5-flash',
    'llama-3.3-70b',
  ]),
  team('support', 'api', 150, 'weekly', 1200, 3_000_000, 32, ['gpt-4.1-mini', 'claude-sonnet-4']),
];

function team(id, source, usd, period, rpm, tpm, parallel, models) {
  return {
    id,
    source,
    models,
    rpm,
    tpm,
    max_parallel: parallel,
    budget: usd === null ? null : { usd, period },
  };
}

/**
 * Keys that make the seeded traffic, with the share of requests each makes and the models it
 * leans on. `signIn` keys are the mock's sign-in keys (sk-test and friends).
 */
export const TRAFFIC_KEYS = [
  key('key_7f3a', 'alex-laptop', 'research', 0.16, ['claude-sonnet-4', 'gpt-4.1', 'o4-mini']),
  key('key_ci01', 'ci-pipeline', 'platform', 0.27, ['gpt-4.1-mini', 'text-embedding-3-small']),
  key('key_41aa', 'eval-runner', 'research', 0.18, ['gpt-4.1', 'claude-sonnet-4', 'deepseek-r1']),
  key('key_5upp', 'support-bot', 'support', 0.17, ['gpt-4.1-mini', 'claude-sonnet-4'], 40),
  key('key_9d2c', 'sam-phone', 'household', 0.05, ['gemini-2.5-flash', 'gpt-4.1-mini']),
  key('key_h0me', 'home-assistant', 'household', 0.08, ['llama-3.3-70b', 'gpt-4.1-mini']),
  key('key_n33r', 'nearly-spent', '', 0.05, ['mistral-large', 'gpt-4.1']),
  key('key_b40e', 'spent-key', '', 0.04, ['gpt-4.1', 'o4-mini']),
];

function key(id, alias, teamId, share, models, endUsers = 0) {
  return { id, alias, team: teamId, share, models, endUsers };
}
