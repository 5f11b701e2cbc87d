// The admin API (docs/admin-api.md) for the mock keygate: spend, requests, the live tail,
// budgets, keys, teams, model health and the configuration, over the columnar mock ledger.
import { randomBytes } from 'node:crypto';
import { GROUPS, TEAMS, TRAFFIC_KEYS, findDeployment, findGroup } from './mock-catalogue.mjs';
import { Ledger, decodeCursor, encodeCursor } from './mock-ledger.mjs';
import { makeRequest, rng, seedLedger } from './mock-traffic.mjs';
import {
  pickKey,
  percentiles,
  parseTime,
  csv,
  pause,
  send,
  fail,
  configYaml,
} from './mock-admin-helpers.mjs';
import { createBudgets } from './mock-admin-budgets.mjs';

const DAY = 86_400_000;
const MINUTE = 60_000;
const DIMENSIONS = ['day', 'model', 'provider', 'deployment', 'key', 'team', 'end_user'];

export function createAdmin({ signInKeys, seeded, ledgerRows, liveRate, budgetOf }) {
  const ledger = new Ledger(Math.max(1024, ledgerRows + 50_000));
  const startedAt = Date.now();
  if (seeded && ledgerRows > 0) {
    const t = Date.now();
    seedLedger(ledger, { count: ledgerRows, now: startedAt - 5 * MINUTE });
    // A few minutes of recent traffic, so latencies and headroom have something to show.
    const random = rng(11);
    for (let at = startedAt - 5 * MINUTE; at < startedAt; at += 1500 + random() * 3000) {
      ledger.push(makeRequest(random, Math.round(at), pickKey(random)));
    }
    console.log(
      `mock ledger: ${ledger.length.toLocaleString('en-US')} rows in ${Date.now() - t} ms`,
    );
  }

  // ---- keys and teams ----
  const keys = new Map(); // id -> admin key
  const secrets = new Map(); // secret -> id (keys made through the API)
  const teams = new Map(TEAMS.filter(() => seeded).map((t) => [t.id, structuredClone(t)]));
  for (const [secret, k] of Object.entries(signInKeys)) {
    if (k.master) continue;
    const budget = budgetOf(k);
    keys.set(k.id, {
      id: k.id,
      alias: k.alias ?? '',
      team: k.team ?? '',
      revoked: false,
      source: 'config',
      created_at_ms: null,
      models: k.models ?? [],
      rpm: 60,
      tpm: 200_000,
      max_parallel: 4,
      budget: budget ? { usd: budget.usd, period: 'monthly' } : null,
      expires_at_ms: k.expires_at ?? null,
      signInSecret: secret,
    });
  }
  if (seeded) {
    const made = startedAt - 40 * DAY;
    for (const t of TRAFFIC_KEYS) {
      if (keys.has(t.id)) continue;
      keys.set(t.id, {
        id: t.id,
        alias: t.alias,
        team: t.team,
        revoked: false,
        source: 'api',
        created_at_ms: made,
        models: t.id === 'key_9d2c' ? ['gemini-2.5-flash', 'gpt-4.1-mini'] : [],
        rpm: t.id === 'key_ci01' ? 600 : t.id === 'key_5upp' ? 300 : 0,
        tpm: t.id === 'key_ci01' ? 4_000_000 : t.id === 'key_5upp' ? 1_000_000 : 0,
        max_parallel: t.id === 'key_ci01' ? 32 : 0,
        budget:
          t.id === 'key_41aa'
            ? { usd: 150, period: 'monthly' }
            : t.id === 'key_9d2c'
              ? { usd: 2, period: 'daily' }
              : t.id === 'key_5upp'
                ? { usd: 40, period: 'weekly' }
                : null,
        expires_at_ms: t.id === 'key_41aa' ? startedAt + 12 * DAY : null,
      });
    }
    keys.set('key_01d1', {
      id: 'key_01d1',
      alias: 'old-laptop',
      team: 'research',
      revoked: true,
      source: 'api',
      created_at_ms: startedAt - 80 * DAY,
      models: [],
      rpm: 0,
      tpm: 0,
      max_parallel: 0,
      budget: null,
      expires_at_ms: null,
    });
  }

  const publicKey = (k) => {
    const { signInSecret, secret, ...rest } = k;
    return rest;
  };

  /** The key a bearer secret made through the API names, for /v1 and sign-in. */
  function keyForSecret(secret) {
    const id = secrets.get(secret);
    const k = id ? keys.get(id) : undefined;
    if (!k) return null;
    return {
      id: k.id,
      alias: k.alias || null,
      team: k.team || null,
      master: false,
      models: k.models.length ? k.models : null,
      expires_at: k.expires_at_ms,
      revoked: k.revoked,
    };
  }

  function isRevoked(id) {
    return keys.get(id)?.revoked === true;
  }

  // ---- model health ----
  const cooldowns = new Map(); // deployment -> { until, failures: {kind: n} }
  const inFlight = new Map(); // deployment -> count of open mock requests
  const flaky = seeded ? 'azure/gpt-4.1-eastus' : null;

  function health(d, now) {
    const own = cooldowns.get(d.id);
    if (own && own.until > now)
      return { state: 'cooling_down', until: own.until, failures: own.failures };
    if (own && own.until + 15_000 > now)
      return { state: 'probing', until: null, failures: own.failures };
    if (d.id === flaky) {
      // Cools down for 80 s of every two minutes, then probes for 20 s.
      const phase = (now - startedAt) % 120_000;
      if (phase < 80_000)
        return {
          state: 'cooling_down',
          until: now - phase + 80_000,
          failures: { '5xx': 4, timeout: 1 },
        };
      if (phase < 100_000)
        return { state: 'probing', until: null, failures: { '5xx': 4, timeout: 1 } };
    }
    return { state: 'healthy', until: null, failures: {} };
  }

  function failDeployment(id, kind = '5xx') {
    const current = cooldowns.get(id);
    const failures = { ...(current?.failures ?? {}) };
    failures[kind] = (failures[kind] ?? 0) + 1;
    cooldowns.set(id, { until: Date.now() + 60_000, failures });
  }

  function modelsBody(now) {
    const recent = ledger.lowerBound(now - 60 * MINUTE);
    const samples = new Map();
    const failures = new Map();
    for (let i = ledger.length - 1; i >= recent; i--) {
      const d = ledger.str(ledger.deployment[i]);
      let s = samples.get(d);
      if (!s) samples.set(d, (s = { total: [], ttft: [] }));
      if (s.total.length < 400 && ledger.status[i] === 200) {
        s.total.push(ledger.totalMs[i]);
        if (ledger.ttftMs[i] >= 0) s.ttft.push(ledger.ttftMs[i]);
      }
      if (ledger.status[i] >= 500 && ledger.time[i] > now - 15 * MINUTE) {
        const kinds = failures.get(d) ?? {};
        const kind = ledger.status[i] === 504 ? 'timeout' : '5xx';
        kinds[kind] = (kinds[kind] ?? 0) + 1;
        failures.set(d, kinds);
      }
    }
    const random = rng(Math.floor(now / 5000));
    return GROUPS.map((g) => ({
      name: g.name,
      strategy: g.strategy,
      retries: g.retries,
      fallbacks: g.fallbacks,
      context_window_fallbacks: g.context_window_fallbacks,
      content_policy_fallbacks: g.content_policy_fallbacks,
      deployments: g.deployments.map((d) => {
        const h = health(d, now);
        const s = samples.get(d.id) ?? { total: [], ttft: [] };
        const recentFailures = { ...(failures.get(d.id) ?? {}) };
        for (const [kind, n] of Object.entries(h.failures))
          recentFailures[kind] = (recentFailures[kind] ?? 0) + n;
        return {
          id: d.id,
          provider: d.provider,
          model: d.model,
          state: h.state,
          cooldown_until: h.until,
          recent_failures: recentFailures,
          in_flight:
            (inFlight.get(d.id) ?? 0) +
            (seeded && h.state === 'healthy' && s.total.length ? Math.floor(random() * 4) : 0),
          latency_ms: percentiles(s.total),
          ttft_ms: percentiles(s.ttft),
          price: d.price,
        };
      }),
    }));
  }

  /** The deployment a chat request goes to, and what happened on the way. */
  function route(modelId, prompt) {
    const g = findGroup(modelId);
    if (!g) return null;
    const now = Date.now();
    const usable = g.deployments.filter((d) => health(d, now).state !== 'cooling_down');
    const first = usable[0] ?? g.deployments[0];
    if (/upstream down/i.test(prompt)) {
      // The first deployment fails; keygate cools it down and tries the next, or the fallback.
      failDeployment(first.id);
      const next =
        g.deployments.find((d) => d !== first && health(d, now).state !== 'cooling_down') ??
        (g.fallbacks[0] ? findGroup(g.fallbacks[0])?.deployments[0] : null);
      const log = [
        {
          deployment: first.id,
          model: g.name,
          status: 503,
          error: 'upstream_error: 503 Service Unavailable',
          ms: 240,
        },
      ];
      if (!next) return { deployment: first, attempts: 1, attempt_log: log, failed: true };
      log.push({
        deployment: next.id,
        model: findDeployment(next.id)?.group.name ?? g.name,
        status: 200,
        error: null,
        ms: null,
      });
      return { deployment: next, attempts: 2, attempt_log: log, failed: false };
    }
    return { deployment: first, attempts: 1, attempt_log: null, failed: false };
  }

  // ---- the live tail ----
  const watchers = new Set();

  function broadcast(i) {
    if (watchers.size === 0) return;
    const row = ledger.row(i);
    const text = `data: ${JSON.stringify(row)}\n\n`;
    for (const w of watchers) {
      if (!w.match(i)) continue;
      if (w.blocked) {
        w.dropped++;
        continue;
      }
      if (w.dropped) {
        w.res.write(`event: dropped\ndata: ${JSON.stringify({ count: w.dropped })}\n\n`);
        w.dropped = 0;
      }
      if (!w.res.write(text)) {
        w.blocked = true;
        w.res.once('drain', () => (w.blocked = false));
      }
    }
  }

  let synthetic = null;
  const liveRandom = rng(99);
  let owed = 0;
  function tickSynthetic() {
    owed += liveRate / 10;
    while (owed >= 1) {
      owed--;
      const i = ledger.push(makeRequest(liveRandom, Date.now(), pickKey(liveRandom)));
      broadcast(i);
    }
  }
  function watchersChanged() {
    if (watchers.size > 0 && liveRate > 0 && !synthetic) {
      synthetic = setInterval(tickSynthetic, 100);
    } else if (watchers.size === 0 && synthetic) {
      clearInterval(synthetic);
      synthetic = null;
    }
  }

  /** Called by /v1/chat/completions when a request is settled. */
  function record(row) {
    const i = ledger.push({ ...row, time_ms: Math.max(row.time_ms, lastTime()) });
    broadcast(i);
    return i;
  }
  const lastTime = () => (ledger.length ? ledger.time[ledger.length - 1] : 0);

  // ---- budgets (mock-admin-budgets.mjs) ----
  const { budgetEntry } = createBudgets({ ledger, signInKeys, budgetOf });

  // ---- configuration ----
  let configBroken = false;

  // ---- requests ----
  function timeBounds(url) {
    const now = Date.now();
    const from = parseTime(url.searchParams.get('from'), false);
    const to = parseTime(url.searchParams.get('to'), true);
    if (from === undefined || to === undefined) return null;
    return { fromMs: from ?? 0, toMs: to ?? now + DAY };
  }

  // ---- routing ----
  async function handle(req, res, url, auth, readJson) {
    const path = url.pathname.slice('/admin'.length);
    const key = auth.key;
    if (!key) return fail(res, 401, 'unauthorized', 'Sign in, or send the master key.');
    if (!auth.csrfOk) return fail(res, 403, 'csrf_failed', 'CSRF token missing or wrong.');
    const master = key.master === true;
    const own = scopeFor(key, url, master);
    if (own.refusal) return fail(res, 403, 'not_your_data', own.refusal);

    if (path === '/spend') {
      const groupBy = (url.searchParams.get('group_by') ?? 'key').split(',');
      if (groupBy.length > 2 || groupBy.some((g) => !DIMENSIONS.includes(g)))
        return fail(
          res,
          400,
          'invalid_request_error',
          `group_by must be one or two of ${DIMENSIONS.join(', ')}.`,
          'group_by',
        );
      const bounds = timeBounds(url) ?? null;
      if (!bounds)
        return fail(
          res,
          400,
          'invalid_request_error',
          'from and to must be YYYY-MM-DD or unix ms.',
          'from',
        );
      const defaultFrom = url.searchParams.get('from') ? bounds.fromMs : Date.now() - 30 * DAY;
      const rows = ledger.spend({
        groupBy,
        fromMs: defaultFrom,
        toMs: bounds.toMs,
        filters: own.filters,
      });
      await pause(60);
      if (url.searchParams.get('format') === 'csv') {
        const header = [
          ...groupBy.map((g, i) => (i === 0 ? 'group' : 'group2')),
          'requests',
          'prompt_tokens',
          'completion_tokens',
          'cached_tokens',
          'cache_write_tokens',
          'reasoning_tokens',
          'cost_usd',
          'cost_nanos',
          'unknown_cost_requests',
          'cache_hits',
          'saved_usd',
          'saved_nanos',
        ];
        const lines = [header.join(',')];
        for (const r of rows)
          lines.push(
            header
              .map((h) =>
                csv(
                  h === 'cost_usd'
                    ? (r.cost_nanos / 1e9).toFixed(9)
                    : h === 'saved_usd'
                      ? (r.saved_nanos / 1e9).toFixed(9)
                      : r[h],
                ),
              )
              .join(','),
          );
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="keygate-spend-${groupBy.join('-')}.csv"`,
        });
        return res.end(`${lines.join('\r\n')}\r\n`);
      }
      return send(res, 200, { object: 'list', data: rows });
    }

    if (path === '/requests') {
      const bounds = timeBounds(url);
      if (!bounds)
        return fail(
          res,
          400,
          'invalid_request_error',
          'from and to must be YYYY-MM-DD or unix ms.',
          'from',
        );
      const limit = Number(url.searchParams.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        return fail(res, 400, 'invalid_request_error', 'limit must be 1 to 200.', 'limit');
      const status = url.searchParams.get('status');
      if (status && !/^([1-5]\d\d|[1-5]xx|error)$/.test(status))
        return fail(
          res,
          400,
          'invalid_request_error',
          'status must be a code, a class like 5xx, or error.',
          'status',
        );
      const beforeText = url.searchParams.get('before');
      const before = beforeText ? decodeCursor(beforeText) : undefined;
      if (beforeText && before === null)
        return fail(res, 400, 'invalid_request_error', 'The cursor cannot be read.', 'before');
      const page = ledger.page({
        ...bounds,
        filters: { ...own.filters, status: status ?? undefined },
        before,
        limit,
      });
      await pause(80);
      return send(res, 200, {
        object: 'list',
        data: page.rows.map((i) => ledger.row(i)),
        next: page.next === null ? null : encodeCursor(page.next),
      });
    }

    if (path.startsWith('/requests/')) {
      const i = ledger.find(decodeURIComponent(path.slice('/requests/'.length)));
      if (i < 0 || (!master && ledger.str(ledger.key[i]) !== key.id))
        return fail(res, 404, 'not_found', 'No request with that id.');
      return send(res, 200, ledger.detail(i));
    }

    if (path === '/live') {
      const status = url.searchParams.get('status') ?? undefined;
      const watcher = {
        res,
        match: ledger.matcher({ ...own.filters, status }),
        blocked: false,
        dropped: 0,
      };
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      watchers.add(watcher);
      watchersChanged();
      req.on('close', () => {
        clearInterval(keepAlive);
        watchers.delete(watcher);
        watchersChanged();
      });
      return;
    }

    if (path === '/budgets') {
      const now = Date.now();
      const visibleKeys = [...keys.values()].filter(
        (k) => !k.revoked && (master || k.id === key.id),
      );
      const visibleTeams = [...teams.values()].filter((t) => master || t.id === key.team);
      await pause(60);
      return send(res, 200, {
        keys: visibleKeys
          .filter((k) => k.budget || k.rpm || k.tpm || k.max_parallel)
          .map((k) => budgetEntry('key', k, now)),
        teams: visibleTeams.map((t) => budgetEntry('team', t, now)),
      });
    }

    if (!master)
      return fail(
        res,
        403,
        'master_key_required',
        'Only the master key may use this part of the admin API.',
      );

    if (path === '/keys' || path.startsWith('/keys/'))
      return keysRoute(req, res, path.slice(5), readJson);
    if (path === '/teams' || path.startsWith('/teams/'))
      return teamsRoute(req, res, path.slice(6), readJson);
    if (path === '/models') {
      await pause(50);
      return send(res, 200, { object: 'list', data: modelsBody(Date.now()) });
    }
    if (path === '/config')
      return send(res, 200, { source: '/etc/keygate/keygate.yaml', yaml: configYaml(keys, teams) });
    if (path === '/config/reload' && req.method === 'POST') {
      await pause(300);
      if (configBroken)
        return send(res, 422, {
          applied: false,
          problems: [
            '/etc/keygate/keygate.yaml:41: model_list[3].litellm_params.api_base: not a URL: "htps://eastus.openai.azure.com"',
            '/etc/keygate/keygate.yaml:67: router_settings.fallbacks[1]: unknown model group "gpt-5-turbo"',
            '/etc/keygate/keygate.yaml:88: auth.teams.household.budget.period: must be daily, weekly, monthly or total',
          ],
        });
      return send(res, 200, { applied: true });
    }
    return fail(res, 404, 'not_found', 'Not found.');
  }

  /** What a caller may see: a virtual key only its own rows, and naming another's is a 403. */
  function scopeFor(key, url, master) {
    const given = (name) => url.searchParams.get(name) || undefined;
    const filters = {
      key: given('key'),
      team: given('team'),
      model: given('model'),
      provider: given('provider'),
      deployment: given('deployment'),
      end_user: given('end_user'),
    };
    if (master) return { filters };
    if (filters.key && filters.key !== key.id)
      return { refusal: 'This key may see only its own requests and spend.' };
    if (filters.team && filters.team !== (key.team ?? ''))
      return { refusal: 'This key may see only its own requests and spend.' };
    return { filters: { ...filters, key: key.id } };
  }

  async function keysRoute(req, res, rest, readJson) {
    if (rest === '' && req.method === 'GET')
      return send(res, 200, { object: 'list', data: [...keys.values()].map(publicKey) });
    if (rest === '' && req.method === 'POST') {
      const body = await readJson(req);
      const k = {
        id: `key_${randomBytes(2).toString('hex')}`,
        alias: '',
        team: '',
        revoked: false,
        source: 'api',
        created_at_ms: Date.now(),
        models: [],
        rpm: 0,
        tpm: 0,
        max_parallel: 0,
        budget: null,
        expires_at_ms: null,
      };
      const problem = applyFields(body, k, KEY_FIELDS);
      if (problem) return fail(res, 400, 'invalid_request_error', problem.message, problem.param);
      const secret = `sk-kg-${randomBytes(18).toString('base64url')}`;
      keys.set(k.id, k);
      secrets.set(secret, k.id);
      await pause(120);
      return send(res, 201, { ...publicKey(k), key: secret });
    }
    const k = keys.get(decodeURIComponent(rest.slice(1)));
    if (!k) return fail(res, 404, 'key_not_found', `No key with id '${rest.slice(1)}'.`);
    if (req.method === 'GET') return send(res, 200, publicKey(k));
    if (k.source === 'config')
      return fail(
        res,
        409,
        'key_from_config',
        `Key '${k.id}' is defined in the config file; change it there.`,
      );
    if (req.method === 'DELETE') {
      k.revoked = true;
      return send(res, 200, publicKey(k));
    }
    if (req.method === 'PATCH') {
      const copy = structuredClone(k);
      const problem = applyFields(await readJson(req), copy, KEY_FIELDS);
      if (problem) return fail(res, 400, 'invalid_request_error', problem.message, problem.param);
      Object.assign(k, copy);
      return send(res, 200, publicKey(k));
    }
    return fail(res, 405, 'method_not_allowed', 'Use GET, PATCH or DELETE on a key.');
  }

  async function teamsRoute(req, res, rest, readJson) {
    if (rest === '' && req.method === 'GET')
      return send(res, 200, { object: 'list', data: [...teams.values()] });
    if (rest === '' && req.method === 'POST') {
      const body = await readJson(req);
      const id = body.id;
      if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id))
        return fail(
          res,
          400,
          'invalid_request_error',
          'id must be 1 to 64 letters, digits, dots, dashes or underscores.',
          'id',
        );
      if (teams.has(id))
        return fail(res, 409, 'team_exists', `A team named '${id}' already exists.`);
      const t = { id, source: 'api', models: [], rpm: 0, tpm: 0, max_parallel: 0, budget: null };
      const { id: _id, ...fields } = body;
      const problem = applyFields(fields, t, TEAM_FIELDS);
      if (problem) return fail(res, 400, 'invalid_request_error', problem.message, problem.param);
      teams.set(id, t);
      return send(res, 201, t);
    }
    const t = teams.get(decodeURIComponent(rest.slice(1)));
    if (!t) return fail(res, 404, 'team_not_found', `No team named '${rest.slice(1)}'.`);
    if (req.method === 'GET') return send(res, 200, t);
    if (t.source === 'config')
      return fail(
        res,
        409,
        'team_from_config',
        `Team '${t.id}' is defined in the config file; change it there.`,
      );
    if (req.method === 'DELETE') {
      const members = [...keys.values()].filter((k) => k.team === t.id && !k.revoked).length;
      if (members)
        return fail(
          res,
          409,
          'team_in_use',
          `${members} key${members === 1 ? '' : 's'} still belong to team '${t.id}'; move or revoke them first.`,
        );
      teams.delete(t.id);
      return send(res, 200, { id: t.id, deleted: true });
    }
    if (req.method === 'PATCH') {
      const copy = structuredClone(t);
      const problem = applyFields(await readJson(req), copy, TEAM_FIELDS);
      if (problem) return fail(res, 400, 'invalid_request_error', problem.message, problem.param);
      Object.assign(t, copy);
      return send(res, 200, t);
    }
    return fail(res, 405, 'method_not_allowed', 'Use GET, PATCH or DELETE on a team.');
  }

  const KEY_FIELDS = [
    'alias',
    'models',
    'rpm',
    'tpm',
    'max_parallel',
    'budget',
    'expires_at_ms',
    'team',
  ];
  const TEAM_FIELDS = ['models', 'rpm', 'tpm', 'max_parallel', 'budget'];

  /** The checks keygate makes (gateway/routes/admin_key_fields.cpp), with its wording. */
  function applyFields(body, target, known) {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return { message: 'The body must be a JSON object.', param: null };
    for (const name of Object.keys(body))
      if (!known.includes(name)) return { message: `Unknown field ${name}.`, param: name };
    if ('alias' in body) {
      if (typeof body.alias !== 'string')
        return { message: 'alias must be a string', param: 'alias' };
      target.alias = body.alias;
    }
    if ('models' in body) {
      if (!Array.isArray(body.models))
        return { message: 'models must be a list of model names', param: 'models' };
      for (const m of body.models)
        if (typeof m !== 'string' || !findGroup(m))
          return { message: `models: unknown model ${JSON.stringify(m)}`, param: 'models' };
      target.models = [...body.models];
    }
    for (const name of ['rpm', 'tpm', 'max_parallel']) {
      if (!(name in body)) continue;
      if (!Number.isInteger(body[name]) || body[name] < 0)
        return { message: `${name} must be a whole number, 0 or more`, param: name };
      target[name] = body[name];
    }
    if ('budget' in body) {
      const b = body.budget;
      if (b === null) target.budget = null;
      else if (typeof b !== 'object')
        return { message: 'budget must be an object {usd, period}', param: 'budget' };
      else {
        const next = { ...(target.budget ?? {}) };
        if ('usd' in b) {
          if (typeof b.usd !== 'number' || !(b.usd >= 0 && b.usd <= 9e9))
            return {
              message: 'budget.usd must be a number from 0 to 9000000000',
              param: 'budget.usd',
            };
          next.usd = b.usd;
        } else if (!target.budget)
          return { message: 'budget.usd is required for a new budget', param: 'budget.usd' };
        if ('period' in b) {
          if (!['daily', 'weekly', 'monthly', 'total'].includes(b.period))
            return {
              message: 'budget.period must be daily, weekly, monthly or total',
              param: 'budget.period',
            };
          next.period = b.period;
        }
        next.period ??= 'total';
        target.budget = next;
      }
    }
    if ('expires_at_ms' in body) {
      if (body.expires_at_ms !== null && !Number.isInteger(body.expires_at_ms))
        return {
          message: 'expires_at_ms must be unix milliseconds or null',
          param: 'expires_at_ms',
        };
      target.expires_at_ms = body.expires_at_ms;
    }
    if ('team' in body) {
      if (typeof body.team !== 'string' || (body.team !== '' && !teams.has(body.team)))
        return { message: 'team: unknown team', param: 'team' };
      target.team = body.team;
    }
    return null;
  }

  return {
    handle,
    record,
    route,
    keyForSecret,
    isRevoked,
    setConfigBroken: (broken) => (configBroken = broken),
    trackInFlight: (id, delta) => inFlight.set(id, Math.max(0, (inFlight.get(id) ?? 0) + delta)),
  };
}
