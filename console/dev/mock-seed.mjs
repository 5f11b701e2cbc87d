// Demo conversations for the mock server (MOCK_SEED=1): dated today, yesterday and earlier,
// with branches, reasoning, every kind of rendered content, and one of 1,000 messages.
import { ANSWERS, REASONING } from './mock-answers.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function seed(store, { newConversation, newMessage, record, MODELS }) {
  const price = (id) => MODELS.find((m) => m.id === id);
  let n = 0;
  const answer = (c, parent, model, content, at, extra = {}) => {
    const m = newMessage({
      parent_id: parent.id,
      role: 'assistant',
      content,
      model,
      created_at: at,
    });
    const usage = {
      prompt_tokens: 180 + content.length / 3,
      cached_tokens: extra.cached ?? 0,
      completion_tokens: Math.round(content.length / 4) + (extra.reasoning ?? 0),
      reasoning_tokens: extra.reasoning ?? 0,
    };
    usage.prompt_tokens = Math.round(usage.prompt_tokens);
    const requestId = `req_seed_${n++}`;
    const ttft = 280 + ((n * 37) % 400);
    const total = ttft + usage.completion_tokens * 12;
    record(requestId, price(model), usage, ttft, total, `${price(model).providers[0]}/${model}`);
    Object.assign(m, {
      request_id: requestId,
      usage,
      cost_nanos: null,
      ttft_ms: ttft,
      total_ms: total,
      deployment: `${price(model).providers[0]}/${model}`,
      reasoning: extra.reasoningText ?? null,
    });
    const priceInfo = price(model).price;
    m.cost_nanos = Math.round(
      (usage.prompt_tokens - usage.cached_tokens) * priceInfo.input_per_million * 1000 +
        usage.cached_tokens *
          (priceInfo.cached_input_per_million ?? priceInfo.input_per_million) *
          1000 +
        usage.completion_tokens * priceInfo.output_per_million * 1000,
    );
    m.cost_usd = m.cost_nanos / 1e9;
    c.messages.push(m);
    return m;
  };
  const user = (c, parent, content, at) => {
    const m = newMessage({ parent_id: parent?.id ?? null, role: 'user', content, created_at: at });
    c.messages.push(m);
    return m;
  };
  const add = (c) => {
    c.active_leaf = c.active_leaf ?? c.messages.at(-1)?.id ?? null;
    store.conversations.set(c.id, c);
  };

  const now = Date.now();

  // Today: a conversation with a table, code and math, and a regenerated answer.
  {
    const t = now - 2 * HOUR;
    const c = newConversation({
      title: 'Plan costs, retries and softmax',
      model: 'claude-sonnet-4',
      created_at: t,
      updated_at: now - HOUR,
    });
    const u1 = user(c, null, 'Compare plans for our usage as a table.', t);
    answer(c, u1, 'gpt-4.1-mini', ANSWERS.table.replace('best value', 'cheapest option'), t + 5000);
    answer(c, u1, 'claude-sonnet-4', ANSWERS.table, t + 9000, {
      reasoning: 64,
      reasoningText: REASONING,
      cached: 0,
    });
    const a1 = c.messages.at(-1);
    const u2 = user(
      c,
      a1,
      'Write a retry helper in TypeScript with exponential backoff.',
      t + 60_000,
    );
    const a2 = answer(c, u2, 'claude-sonnet-4', ANSWERS.code, t + 70_000, { cached: 96 });
    const u3 = user(c, a2, 'And explain softmax with the math.', t + 120_000);
    answer(c, u3, 'claude-sonnet-4', ANSWERS.math, t + 130_000, { cached: 140 });
    add(c);
  }
  {
    const t = now - 5 * HOUR;
    const c = newConversation({
      title: 'Draft a launch announcement',
      model: 'gpt-4.1',
      created_at: t,
      updated_at: t,
    });
    const u = user(c, null, 'Draft a short launch announcement for a self-hosted AI gateway.', t);
    answer(c, u, 'gpt-4.1', ANSWERS.fallback, t + 4000);
    add(c);
  }
  // Yesterday and earlier.
  const older = [
    ['Kubernetes readiness vs liveness probes', 1, 'gpt-4.1-mini'],
    ['SQL window functions cheat sheet', 1, 'llama-3.3-70b'],
    ['Trip budget for Lisbon', 3, 'gemini-2.5-flash'],
    ['Reading list: distributed systems', 6, 'mistral-large'],
    ['Rust lifetimes, explained simply', 12, 'deepseek-r1'],
    ['Refactor the billing module', 24, 'o4-mini'],
  ];
  for (const [title, days, model] of older) {
    const t = now - days * DAY - 3 * HOUR;
    const c = newConversation({ title, model, created_at: t, updated_at: t });
    const u = user(c, null, `${title}?`, t);
    answer(c, u, model, ANSWERS.fallback, t + 3000);
    add(c);
  }
  // A long one, to show that opening and scrolling stay smooth.
  {
    const t = now - 2 * DAY;
    const c = newConversation({
      title: 'Long thread (1,000 messages)',
      model: 'gpt-4.1-mini',
      created_at: t,
      updated_at: t - HOUR,
    });
    let parent = null;
    for (let i = 0; i < 500; i++) {
      const u = user(
        c,
        parent,
        `Question ${i + 1}: how does step ${i + 1} of the rollout work?`,
        t + i * 60_000,
      );
      const body =
        i % 10 === 3
          ? ANSWERS.code
          : i % 10 === 6
            ? ANSWERS.table
            : `Step ${i + 1} shifts ${(i % 9) + 1}0% of traffic to the new deployment, watches error rates for five minutes, and rolls back on its own if they rise.`;
      parent = answer(c, u, 'gpt-4.1-mini', body, t + i * 60_000 + 2000);
    }
    add(c);
  }
}
