// A development stand-in for keygate's console API and a streaming /v1/chat/completions,
// in memory, on Node's http module. It also serves dist/ under the console's real CSP, so
// screenshots and e2e tests run the built app as keygate would serve it.
//
//   node dev/mock-server.mjs            port 8787 (MOCK_PORT), keys sk-test / sk-master
//   MOCK_AUTH=off                       no keys configured: auth_required false
//   MOCK_SEED=1                         demo conversations (one of 1,000 messages)
//   MOCK_TPS=40                         streaming speed, tokens per second
//   MOCK_LEDGER_ROWS=200000             seeded ledger size for the admin pages (with MOCK_SEED)
//   MOCK_LIVE_RATE=2                    made-up requests a second while a live tail is open
//
// The admin API (docs/admin-api.md) is in mock-admin.mjs; POST /mock/config-broken with
// {"broken": true} makes the next config reload fail with validation problems. A prompt with
// "upstream down" fails its model's first deployment, which then cools down.
//
// Special keys: sk-broke (budget spent), sk-nomodels (no models), sk-nearly (85% spent).
// Words in a prompt choose the answer: table, code, math, xss, long, "fail midway",
// "drop connection", ratelimit.
import { createServer } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REASONING, pickAnswer, tokenize } from './mock-answers.mjs';
import { createAdmin } from './mock-admin.mjs';

const PORT = Number(process.env.MOCK_PORT ?? 8787);
const AUTH = process.env.MOCK_AUTH !== 'off';
const TPS = Number(process.env.MOCK_TPS ?? 40);
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const MODELS = [
  model('claude-sonnet-4', ['anthropic'], 2, 3, 15, 0.3, { vision: true, reasoning: true }),
  model('deepseek-r1', ['deepseek', 'together'], 3, 0.55, 2.19, 0.14, { reasoning: true }),
  model('gemini-2.5-flash', ['gemini'], 1, 0.3, 2.5, 0.075, { vision: true }),
  model('gpt-4.1', ['openai', 'azure'], 2, 2, 8, 0.5, { vision: true }),
  model('gpt-4.1-mini', ['openai'], 1, 0.4, 1.6, 0.1, { vision: true }),
  model('llama-3.3-70b', ['groq', 'ollama'], 2, 0.59, 0.79, null, {}),
  model('mistral-large', ['mistral'], 1, 2, 6, null, {}),
  model('o4-mini', ['openai'], 1, 1.1, 4.4, 0.275, { reasoning: true }),
  model('text-embedding-3-small', ['openai'], 1, 0.02, 0, null, { embeddings: true }),
];

function model(id, providers, deployments, input, output, cached, flags) {
  return {
    id,
    providers,
    deployments,
    price: {
      input_per_million: input,
      output_per_million: output,
      cached_input_per_million: cached,
    },
    vision: Boolean(flags.vision),
    reasoning: Boolean(flags.reasoning),
    embeddings: Boolean(flags.embeddings),
  };
}

// ---- state ----
const KEYS = {
  'sk-test': {
    id: 'key_7f3a',
    alias: 'alex-laptop',
    team: 'research',
    master: false,
    models: null,
    expires_at: null,
  },
  'sk-master': {
    id: 'master',
    alias: 'master',
    team: null,
    master: true,
    models: null,
    expires_at: null,
  },
  'sk-broke': {
    id: 'key_b40e',
    alias: 'spent-key',
    team: null,
    master: false,
    models: null,
    expires_at: null,
  },
  'sk-nearly': {
    id: 'key_n33r',
    alias: 'nearly-spent',
    team: null,
    master: false,
    models: null,
    expires_at: null,
  },
  'sk-nomodels': {
    id: 'key_0m0d',
    alias: 'no-models',
    team: null,
    master: false,
    models: [],
    expires_at: null,
  },
};
const LOCAL_KEY = {
  id: 'local',
  alias: null,
  team: null,
  master: true,
  models: null,
  expires_at: null,
};
const sessions = new Map(); // sha256(session id) -> { key, csrf }
const stores = new Map(); // key id -> { conversations: Map, preferences, spentNanos }
const ledger = new Map(); // request id -> { keyId, usage, cost_nanos, ttft_ms, total_ms, deployment }

function nextMonthStart() {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
}

function storeFor(key) {
  let store = stores.get(key.id);
  if (!store) {
    const spent = { key_b40e: 25, key_n33r: 42.5 }[key.id] ?? 12.34;
    store = { conversations: new Map(), preferences: {}, spentNanos: Math.round(spent * 1e9) };
    stores.set(key.id, store);
  }
  return store;
}

function budgetOf(key) {
  if (key.master) return null;
  const store = storeFor(key);
  const usd = key.id === 'key_b40e' ? 25 : 50;
  const spent = store.spentNanos / 1e9;
  return {
    usd,
    period: 'month',
    spent_usd: spent,
    remaining_usd: Math.max(0, usd - spent),
    resets_at: nextMonthStart(),
  };
}

const SEEDED = Boolean(process.env.MOCK_SEED);
const admin = createAdmin({
  signInKeys: AUTH ? KEYS : {},
  seeded: SEEDED,
  ledgerRows: SEEDED ? Number(process.env.MOCK_LEDGER_ROWS ?? 200_000) : 0,
  liveRate: Number(process.env.MOCK_LIVE_RATE ?? 2),
  budgetOf,
});

function modelsFor(key) {
  if (Array.isArray(key.models)) return MODELS.filter((m) => key.models.includes(m.id));
  return MODELS;
}

// ---- http helpers ----
function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

function fail(res, status, code, message, headers = {}) {
  send(res, status, { error: { message, code } }, headers);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text;
}

async function readJson(req) {
  const text = await readBody(req);
  if (!text) return {};
  return JSON.parse(text);
}

function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k) out[k] = v.join('=');
  }
  return out;
}

const hash = (s) => createHash('sha256').update(s).digest('hex');

/** The key a request acts as, or null; also whether its CSRF check failed. */
function authenticate(req) {
  if (!AUTH) return { key: LOCAL_KEY, csrfOk: true, session: null };
  const sid = cookies(req).kg_session;
  const session = sid ? sessions.get(hash(sid)) : undefined;
  if (session) {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    return {
      key: session.key,
      csrfOk: safe || req.headers['x-csrf-token'] === session.csrf,
      session,
    };
  }
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer && KEYS[bearer]) return { key: KEYS[bearer], csrfOk: true, session: null };
  const made = bearer ? admin.keyForSecret(bearer) : null;
  if (made) return { key: made, csrfOk: true, session: null };
  return { key: null, csrfOk: true, session: null };
}

// ---- static files ----
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function serveStatic(req, res, path) {
  const file = path === '/' ? 'index.html' : path.slice(1);
  if (!/^(index\.html|assets\/[\w.-]+)$/.test(file)) return false;
  const full = join(DIST, file);
  if (!existsSync(full)) return false;
  const accept = req.headers['accept-encoding'] ?? '';
  let body = readFileSync(full);
  const headers = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
  };
  if (/\bbr\b/.test(accept) && existsSync(`${full}.br`)) {
    body = readFileSync(`${full}.br`);
    headers['Content-Encoding'] = 'br';
  } else if (/\bgzip\b/.test(accept) && existsSync(`${full}.gz`)) {
    body = readFileSync(`${full}.gz`);
    headers['Content-Encoding'] = 'gzip';
  }
  res.writeHead(200, headers);
  res.end(body);
  return true;
}

// ---- conversations ----
function summary(c) {
  const cost = c.messages.reduce((n, m) => n + (m.cost_nanos ?? 0), 0);
  return {
    id: c.id,
    title: c.title,
    model: c.model,
    created_at: c.created_at,
    updated_at: c.updated_at,
    message_count: c.messages.length,
    cost_usd: cost / 1e9,
  };
}

function whole(c) {
  const now = Date.now();
  for (const m of c.messages) {
    if (m.status === 'streaming' && now - m.touched_at > 8000) m.status = 'incomplete';
  }
  return {
    ...summary(c),
    system_prompt: c.system_prompt,
    settings: c.settings,
    active_leaf: c.active_leaf,
    messages: c.messages.map(publicMessage),
  };
}

function publicMessage(m) {
  const { touched_at, ...rest } = m;
  return rest;
}

function newMessage(init) {
  return {
    id: `m_${randomUUID().slice(0, 12)}`,
    parent_id: init.parent_id ?? null,
    role: init.role,
    content: init.content ?? '',
    reasoning: null,
    attachments: init.attachments ?? [],
    model: init.model ?? null,
    status: init.status ?? 'complete',
    error: null,
    request_id: null,
    usage: null,
    cost_usd: null,
    cost_nanos: null,
    ttft_ms: null,
    total_ms: null,
    deployment: null,
    created_at: init.created_at ?? Date.now(),
    touched_at: Date.now(),
  };
}

function newConversation(init) {
  const now = init.created_at ?? Date.now();
  return {
    id: `c_${randomUUID().slice(0, 12)}`,
    title: init.title ?? null,
    model: init.model ?? null,
    system_prompt: init.system_prompt ?? null,
    settings: init.settings ?? {},
    active_leaf: null,
    created_at: now,
    updated_at: init.updated_at ?? now,
    messages: [],
  };
}

function snippetFor(text, words) {
  const lower = text.toLowerCase();
  const first = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  const start = Math.max(0, first - 40);
  let piece = text.slice(start, start + 160).replace(/\s+/g, ' ');
  for (const word of words) {
    piece = piece.replace(
      new RegExp(`(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'),
      '[$1]',
    );
  }
  return `${start > 0 ? '…' : ''}${piece}${start + 160 < text.length ? '…' : ''}`;
}

function activePath(c) {
  const byId = new Map(c.messages.map((m) => [m.id, m]));
  let leaf = c.active_leaf ? byId.get(c.active_leaf) : c.messages.at(-1);
  const path = [];
  while (leaf) {
    path.unshift(leaf);
    leaf = leaf.parent_id ? byId.get(leaf.parent_id) : undefined;
  }
  return path;
}

function exportMarkdown(c) {
  const lines = [`# ${c.title ?? 'Conversation'}`, ''];
  for (const m of activePath(c)) {
    lines.push(`## ${m.role === 'user' ? 'You' : (m.model ?? 'Assistant')}`, '', m.content, '');
  }
  return lines.join('\n');
}

function importInto(store, parsed) {
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const created = [];
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object')
      throw new Error(`conversation ${index + 1}: not an object`);
    if (Array.isArray(item.messages)) {
      const c = newConversation({ title: item.title ?? 'Imported', model: item.model ?? null });
      const idMap = new Map();
      for (const m of item.messages) {
        const copy = newMessage({
          ...m,
          parent_id: m.parent_id ? (idMap.get(m.parent_id) ?? null) : null,
        });
        idMap.set(m.id, copy.id);
        c.messages.push(copy);
      }
      c.active_leaf = c.messages.at(-1)?.id ?? null;
      created.push(c);
      return;
    }
    if (!item.mapping || typeof item.mapping !== 'object')
      throw new Error(`conversation ${index + 1}: no mapping`);
    const createdAt =
      typeof item.create_time === 'number' ? Math.round(item.create_time * 1000) : Date.now();
    const c = newConversation({
      title: item.title || 'Imported',
      created_at: createdAt,
      updated_at: createdAt,
    });
    const idMap = new Map();
    const nodes = Object.values(item.mapping);
    const ordered = nodes
      .filter((n) => n.message && ['user', 'assistant'].includes(n.message.author?.role))
      .sort((a, b) => (a.message.create_time ?? 0) - (b.message.create_time ?? 0));
    for (const node of ordered) {
      const parts = node.message.content?.parts ?? [];
      const text = parts.filter((p) => typeof p === 'string').join('\n');
      if (!text.trim()) continue;
      let parent = node.parent;
      while (parent && !idMap.has(parent)) parent = item.mapping[parent]?.parent ?? null;
      const m = newMessage({
        parent_id: parent ? idMap.get(parent) : null,
        role: node.message.author.role,
        content: text,
        model: node.message.metadata?.model_slug ?? null,
        created_at: node.message.create_time
          ? Math.round(node.message.create_time * 1000)
          : createdAt,
      });
      idMap.set(node.id, m.id);
      c.messages.push(m);
    }
    c.active_leaf =
      (item.current_node && idMap.get(item.current_node)) ?? c.messages.at(-1)?.id ?? null;
    created.push(c);
  });
  for (const c of created) store.conversations.set(c.id, c);
  return created.length;
}

// ---- chat completions ----
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
    const usage = { prompt_tokens: 0, cached_tokens: 0, completion_tokens: 0, reasoning_tokens: 0 };
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
    res.write(chunk(i === 0 ? { role: 'assistant', content: tokens[i] } : { content: tokens[i] }));
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

// ---- routing ----
async function handle(req, res) {
  const url = new URL(req.url, 'http://mock');
  const path = url.pathname;
  if (req.method === 'GET' && serveStatic(req, res, path)) return;

  const auth = authenticate(req);

  if (path === '/console/session') {
    if (req.method === 'GET') return send(res, 200, sessionBody(auth));
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host)
        return fail(res, 403, 'origin_mismatch', 'Origin does not match.');
      const { key } = await readJson(req);
      const found = KEYS[key] ?? admin.keyForSecret(key);
      const usable = found && !found.revoked;
      await new Promise((r) => setTimeout(r, usable ? 0 : 400));
      if (!usable) return fail(res, 401, 'invalid_key', 'Unknown key.');
      const sid = randomBytes(24).toString('base64url');
      const session = { key: found, csrf: randomBytes(16).toString('hex') };
      sessions.set(hash(sid), session);
      res.setHeader(
        'Set-Cookie',
        `kg_session=${sid}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`,
      );
      return send(res, 200, sessionBody({ key: session.key, session }));
    }
    if (req.method === 'DELETE') {
      if (!auth.csrfOk) return fail(res, 403, 'csrf_failed', 'CSRF token missing or wrong.');
      const sid = cookies(req).kg_session;
      if (sid) sessions.delete(hash(sid));
      res.setHeader('Set-Cookie', 'kg_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
      return send(res, 200, { signed_in: false, auth_required: AUTH });
    }
  }

  if (path.startsWith('/console/') || path.startsWith('/v1/')) {
    if (!auth.key) return fail(res, 401, 'unauthorized', 'Not signed in.');
    if (admin.isRevoked(auth.key.id)) return fail(res, 401, 'key_revoked', 'This key was revoked.');
    if (!auth.csrfOk) return fail(res, 403, 'csrf_failed', 'CSRF token missing or wrong.');
  }
  const key = auth.key;

  if (path === '/admin' || path.startsWith('/admin/')) {
    if (auth.key && admin.isRevoked(auth.key.id))
      return fail(res, 401, 'key_revoked', 'This key was revoked.');
    return admin.handle(req, res, url, auth, readJson);
  }
  if (path === '/mock/config-broken' && req.method === 'POST') {
    admin.setConfigBroken(Boolean((await readJson(req)).broken));
    return send(res, 200, { ok: true });
  }

  if (path === '/v1/chat/completions' && req.method === 'POST')
    return chatCompletions(req, res, key);
  if (!path.startsWith('/console/')) return fail(res, 404, 'not_found', 'Not found.');

  const store = storeFor(key);
  const parts = path.split('/').filter(Boolean).slice(1); // after "console"

  if (parts[0] === 'models') return send(res, 200, modelsFor(key));
  if (parts[0] === 'account') {
    return send(res, 200, {
      key,
      budget: budgetOf(key),
      team_budget: key.team
        ? {
            usd: 500,
            period: 'month',
            spent_usd: 151.2,
            remaining_usd: 348.8,
            resets_at: nextMonthStart(),
          }
        : null,
      limits: key.master
        ? { rpm: null, tpm: null, max_parallel: null }
        : { rpm: 60, tpm: 200000, max_parallel: 4 },
    });
  }
  if (parts[0] === 'preferences') {
    if (req.method === 'GET') return send(res, 200, store.preferences);
    if (req.method === 'PUT') {
      store.preferences = await readJson(req);
      return send(res, 200, store.preferences);
    }
  }
  if (parts[0] === 'search') {
    const words = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const results = [];
    for (const c of store.conversations.values()) {
      for (const m of c.messages) {
        const text = m.content.toLowerCase();
        if (words.length && words.every((w) => text.includes(w))) {
          results.push({
            conversation_id: c.id,
            message_id: m.id,
            title: c.title,
            snippet: snippetFor(m.content, words),
            created_at: m.created_at,
          });
        }
      }
    }
    results.sort((a, b) => b.created_at - a.created_at);
    return send(res, 200, {
      results: results.slice(0, Number(url.searchParams.get('limit') ?? 20)),
    });
  }
  if (parts[0] === 'import' && req.method === 'POST') {
    try {
      const count = importInto(store, JSON.parse(await readBody(req)));
      return send(res, 200, { imported: count });
    } catch (error) {
      return fail(res, 400, 'invalid_import', `Nothing imported: ${error.message}`);
    }
  }
  if (parts[0] === 'conversations') {
    if (parts.length === 1) {
      if (req.method === 'GET') {
        const all = [...store.conversations.values()].sort((a, b) => b.updated_at - a.updated_at);
        const before = url.searchParams.get('before');
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const start = before ? all.findIndex((c) => c.id === before) + 1 : 0;
        const page = all.slice(start, start + limit);
        return send(res, 200, {
          conversations: page.map(summary),
          next: start + limit < all.length ? page.at(-1).id : null,
        });
      }
      if (req.method === 'POST') {
        const c = newConversation(await readJson(req));
        store.conversations.set(c.id, c);
        return send(res, 200, whole(c));
      }
    }
    const c = store.conversations.get(parts[1]);
    if (!c) return fail(res, 404, 'not_found', 'No such conversation.');
    if (parts.length === 2) {
      if (req.method === 'GET') return send(res, 200, whole(c));
      if (req.method === 'PATCH') {
        const patch = await readJson(req);
        for (const field of ['title', 'model', 'system_prompt', 'settings', 'active_leaf']) {
          if (field in patch) c[field] = patch[field];
        }
        c.updated_at = Date.now();
        return send(res, 200, summary(c));
      }
      if (req.method === 'DELETE') {
        store.conversations.delete(c.id);
        return send(res, 200, {});
      }
    }
    if (parts[2] === 'export') {
      const format = url.searchParams.get('format');
      const name = (c.title ?? 'conversation').replace(/[^\w-]+/g, '-').slice(0, 40);
      if (format === 'markdown') {
        res.writeHead(200, {
          'Content-Type': 'text/markdown; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}.md"`,
        });
        return res.end(exportMarkdown(c));
      }
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Disposition': `attachment; filename="${name}.json"`,
      });
      return res.end(JSON.stringify(whole(c), null, 2));
    }
    if (parts[2] === 'messages') {
      if (parts.length === 3 && req.method === 'POST') {
        const m = newMessage(await readJson(req));
        c.messages.push(m);
        c.updated_at = Date.now();
        return send(res, 200, publicMessage(m));
      }
      const m = c.messages.find((x) => x.id === parts[3]);
      if (!m) return fail(res, 404, 'not_found', 'No such message.');
      if (req.method === 'PATCH') {
        const patch = await readJson(req);
        for (const field of ['content', 'reasoning', 'status', 'error'])
          if (field in patch) m[field] = patch[field];
        if (patch.request_id) {
          const row = ledger.get(patch.request_id);
          if (row && row.keyId === key.id) {
            m.request_id = patch.request_id;
            m.usage = row.usage;
            m.cost_nanos = row.cost_nanos;
            m.cost_usd = row.cost_nanos / 1e9;
            m.ttft_ms = row.ttft_ms;
            m.total_ms = row.total_ms;
            m.deployment = row.deployment;
          }
        }
        m.touched_at = Date.now();
        c.updated_at = Date.now();
        return send(res, 200, publicMessage(m));
      }
    }
  }
  return fail(res, 404, 'not_found', 'Not found.');
}

function sessionBody(auth) {
  if (!AUTH) return { signed_in: true, auth_required: false, csrf_token: 'local', key: LOCAL_KEY };
  if (!auth.key || !auth.session) return { signed_in: false, auth_required: true };
  return { signed_in: true, auth_required: true, csrf_token: auth.session.csrf, key: auth.key };
}

if (process.env.MOCK_SEED) {
  const { seed } = await import('./mock-seed.mjs');
  // The master key starts empty, to show the empty states.
  for (const key of [KEYS['sk-test'], KEYS['sk-broke'], KEYS['sk-nearly'], LOCAL_KEY]) {
    seed(storeFor(key), {
      newConversation,
      newMessage,
      record: (...a) => record(key, ...a),
      MODELS,
    });
  }
}

// Started by a script (npm run dev, screenshots): end with it, even if it could not say so.
if (process.env.MOCK_PARENT_PID) {
  const parent = Number(process.env.MOCK_PARENT_PID);
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 2000).unref();
}

createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) fail(res, 400, 'bad_request', String(error.message ?? error));
    else res.destroy();
  });
}).listen(PORT, '127.0.0.1', () => {
  console.log(`mock keygate on http://127.0.0.1:${PORT} (auth ${AUTH ? 'on' : 'off'})`);
});
