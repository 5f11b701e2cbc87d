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
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdmin } from './mock-admin.mjs';
import { createChat } from './mock-chat.mjs';
import {
  summary,
  whole,
  publicMessage,
  newMessage,
  newConversation,
  snippetFor,
  activePath,
  exportMarkdown,
  importInto,
} from './mock-conversations.mjs';

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

// ---- chat completions (mock-chat.mjs) ----
const { chatCompletions, record } = createChat({
  admin,
  ledger,
  modelsFor,
  storeFor,
  budgetOf,
  TPS,
  fail,
  readJson,
});

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
