// The mock keygate's POST /v1/chat/completions: a scripted answer streamed at the configured
// tokens per second (or whole), priced from the model's price, recorded in the mock ledger and in
// the admin API's rows, and refused the way keygate refuses (budgets, unknown models).
import { randomBytes } from 'node:crypto';
import { REASONING, pickAnswer, tokenize } from './mock-answers.mjs';

/** The chat route over the mock server's state; `record` also serves other routes' rows. */
export function createChat({ admin, ledger, modelsFor, storeFor, budgetOf, TPS, fail, readJson }) {
  function costNanos(m, usage) {
    const price = m?.price;
    if (!price) return 0;
    const uncached = usage.prompt_tokens - usage.cached_tokens;
    const cachedPrice = price.cached_input_per_million ?? price.input_per_million;
    return Math.round(
      uncached * price.input_per_million * 1000 +
        usage.cached_tokens * cachedPrice * 1000 +
        usage.completion_tokens * price.output_per_million * 1000,
    );
  }

  function promptText(messages) {
    const last = [...messages].reverse().find((m) => m.role === 'user');
    if (!last) return '';
    if (typeof last.content === 'string') return last.content;
    return last.content
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join(' ');
  }

  async function chatCompletions(req, res, key) {
    const body = await readJson(req);
    const requestId = `req_${randomBytes(8).toString('hex')}`;
    const m = modelsFor(key).find((x) => x.id === body.model);
    if (!m)
      return fail(
        res,
        404,
        'model_not_found',
        `The model '${body.model}' does not exist or this key may not use it.`,
        { 'x-request-id': requestId },
      );
    const budget = budgetOf(key);
    if (budget && budget.remaining_usd <= 0) {
      const wait = Math.round((budget.resets_at - Date.now()) / 1000);
      admin.record(
        refusalRow(key, requestId, m.id, 429, 'budget_exceeded: the key’s budget is spent'),
      );
      return fail(res, 429, 'budget_exceeded', 'Budget exceeded for this key.', {
        'retry-after': String(wait),
        'x-request-id': requestId,
      });
    }
    const prompt = promptText(body.messages ?? []);
    if (/ratelimit/i.test(prompt)) {
      admin.record(
        refusalRow(key, requestId, m.id, 429, 'rate_limit_exceeded: 60 requests per minute'),
      );
      return fail(res, 429, 'rate_limit_exceeded', 'Rate limit exceeded: 60 requests per minute.', {
        'retry-after': '20',
        'x-request-id': requestId,
      });
    }
    const started = Date.now();
    const promptTokens = Math.max(8, Math.round(JSON.stringify(body.messages).length / 4));
    const cached = promptTokens > 400 ? Math.floor(promptTokens / 2) : 0;
    const answer =
      pickAnswer(prompt) +
      (m.vision && JSON.stringify(body.messages).includes('image_url')
        ? '\n\nI can see the image you attached.'
        : '');
    const routed = admin.route(m.id, prompt);
    const deployment = routed?.deployment.id ?? `${m.providers[0]}/${m.id}`;
    const ledgerRow = (usage, ttft, total, extra = {}) => ({
      request_id: requestId,
      time_ms: Date.now(),
      key: key.id,
      team: key.team ?? '',
      end_user: typeof body.user === 'string' ? body.user : '',
      route: '/v1/chat/completions',
      model: m.id,
      deployment,
      provider: routed?.deployment.provider ?? m.providers[0],
      status: 200,
      error: '',
      stream: Boolean(body.stream),
      client_gone: false,
      tokens: {
        prompt: usage.prompt_tokens,
        completion: usage.completion_tokens,
        cached: usage.cached_tokens,
        cache_write: 0,
        reasoning: usage.reasoning_tokens,
      },
      cost_nanos: costNanos(m, usage),
      total_ms: total,
      ttft_ms: ttft,
      overhead_ms: 1.2,
      attempts: routed?.attempts ?? 1,
      attempt_log: routed?.attempt_log ?? null,
      ...extra,
    });
    if (routed?.failed) {
      const usage = {
        prompt_tokens: 0,
        cached_tokens: 0,
        completion_tokens: 0,
        reasoning_tokens: 0,
      };
      admin.record(
        ledgerRow(usage, null, 240, {
          status: 503,
          error: 'upstream_error: 503 Service Unavailable',
        }),
      );
      return fail(
        res,
        503,
        'upstream_error',
        'Every deployment of this model failed: 503 Service Unavailable.',
        {
          'x-request-id': requestId,
        },
      );
    }

    if (!body.stream) {
      const content = /six words/i.test(JSON.stringify(body.messages)) ? titleFor(prompt) : answer;
      const usage = {
        prompt_tokens: promptTokens,
        cached_tokens: 0,
        completion_tokens: tokenize(content).length,
        reasoning_tokens: 0,
      };
      record(key, requestId, m, usage, 120, Date.now() - started + 300, deployment);
      admin.record(ledgerRow(usage, null, Date.now() - started + 300, { stream: false }));
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-request-id': requestId });
      res.end(
        JSON.stringify({
          id: requestId,
          object: 'chat.completion',
          model: m.id,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.prompt_tokens + usage.completion_tokens,
          },
        }),
      );
      return;
    }

    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      'x-request-id': requestId,
    });
    let closed = false;
    let recorded = false;
    const chunk = (delta, extra = {}) =>
      `data: ${JSON.stringify({ id: requestId, object: 'chat.completion.chunk', model: m.id, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const interval = 1000 / TPS;
    let ttft = null;
    let completion = 0;
    let reasoningTokens = 0;
    const finish = (extra = {}) => {
      recorded = true;
      admin.trackInFlight(deployment, -1);
      const usage = {
        prompt_tokens: promptTokens,
        cached_tokens: cached,
        completion_tokens: completion + reasoningTokens,
        reasoning_tokens: reasoningTokens,
      };
      admin.record(ledgerRow(usage, ttft, Date.now() - started, { client_gone: closed, ...extra }));
      return {
        usage,
        cost: record(
          key,
          requestId,
          m,
          usage,
          ttft ?? Date.now() - started,
          Date.now() - started,
          deployment,
        ),
      };
    };

    admin.trackInFlight(deployment, 1);
    // A client that goes away is billed for what it got, as soon as it goes.
    res.on('close', () => {
      closed = true;
      if (!recorded) finish();
    });

    await sleep(250 + Math.random() * 250);
    if (m.reasoning) {
      for (const piece of tokenize(REASONING)) {
        if (closed) return;
        ttft ??= Date.now() - started;
        res.write(chunk({ reasoning_content: piece }));
        reasoningTokens++;
        await sleep(interval);
      }
    }
    const tokens = tokenize(answer);
    for (let i = 0; i < tokens.length; i++) {
      if (closed) return;
      ttft ??= Date.now() - started;
      res.write(
        chunk(i === 0 ? { role: 'assistant', content: tokens[i] } : { content: tokens[i] }),
      );
      completion++;
      if (i === Math.floor(tokens.length / 2)) {
        if (/fail midway/i.test(prompt)) {
          finish({ status: 200, error: 'upstream_error: 503 Service Unavailable mid-stream' });
          res.write(
            `data: ${JSON.stringify({ error: { message: 'The upstream provider returned 503 Service Unavailable.', code: 'upstream_error' } })}\n\n`,
          );
          return res.end();
        }
        if (/drop connection/i.test(prompt)) {
          finish();
          return res.destroy();
        }
      }
      await sleep(interval);
    }
    const { usage, cost } = finish();
    res.write(
      `data: ${JSON.stringify({ id: requestId, object: 'chat.completion.chunk', model: m.id, choices: [], usage: { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.prompt_tokens + usage.completion_tokens, prompt_tokens_details: { cached_tokens: usage.cached_tokens }, completion_tokens_details: { reasoning_tokens: usage.reasoning_tokens }, cost_usd: cost / 1e9 } })}\n\n`,
    );
    res.write('data: [DONE]\n\n');
    res.end();
  }

  function refusalRow(key, requestId, model, status, error) {
    return {
      request_id: requestId,
      time_ms: Date.now(),
      key: key.id,
      team: key.team ?? '',
      end_user: '',
      route: '/v1/chat/completions',
      model,
      deployment: '',
      provider: '',
      status,
      error,
      stream: true,
      client_gone: false,
      tokens: { prompt: 0, completion: 0, cached: 0, cache_write: 0, reasoning: 0 },
      cost_nanos: 0,
      total_ms: 2,
      ttft_ms: null,
      overhead_ms: 0.8,
      attempts: 0,
    };
  }

  function titleFor(prompt) {
    const words = prompt
      .replace(/[^\w\s]/g, '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 5);
    return `"${words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') || 'A short chat'}"`;
  }

  function record(key, requestId, m, usage, ttft, total, deployment) {
    const cost = costNanos(m, usage);
    ledger.set(requestId, {
      keyId: key.id,
      usage,
      cost_nanos: cost,
      ttft_ms: ttft,
      total_ms: total,
      deployment,
    });
    storeFor(key).spentNanos += cost;
    return cost;
  }

  return { chatCompletions, record };
}
