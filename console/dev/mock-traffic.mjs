// Plausible traffic for the mock ledger: weekday and office-hour rhythms, a few heavy keys,
// cached prompts, reasoning tokens, unpriced local models, refusals and provider failures, and
// now and then a retry or a fallback. Deterministic for a given seed.
import { GROUPS, TRAFFIC_KEYS, findGroup, priceNanos } from './mock-catalogue.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR_WEIGHT = [
  0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1.1, 1.5, 1.7, 1.6, 1.3, 1.5, 1.7, 1.6, 1.4, 1.1, 0.8,
  0.6, 0.5, 0.45, 0.35, 0.25,
];
const HOUR_TOTAL = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

function pick(random, list) {
  return list[Math.floor(random() * list.length) % list.length];
}

function pickWeighted(random, list, weightOf) {
  let total = 0;
  for (const item of list) total += weightOf(item);
  let r = random() * total;
  for (const item of list) {
    r -= weightOf(item);
    if (r <= 0) return item;
  }
  return list[list.length - 1];
}

/** A skewed positive figure around `median` (log-normal-ish, bounded). */
function skewed(random, median, spread, max) {
  const u = random() + random() + random() - 1.5; // roughly normal, -1.5..1.5
  return Math.min(max, Math.max(1, Math.round(median * Math.exp(u * spread))));
}

const FAILURES = [
  { status: 429, error: 'rate_limit_exceeded: 60 requests per minute for this key', weight: 5 },
  { status: 429, error: 'budget_exceeded: the key’s monthly budget is spent', weight: 1 },
  {
    status: 400,
    error: 'context_length_exceeded: 131,072 tokens is the most this model takes',
    weight: 2,
  },
  { status: 502, error: 'upstream_error: the provider closed the connection', weight: 2 },
  { status: 503, error: 'upstream_error: 503 Service Unavailable (overloaded)', weight: 3 },
  { status: 504, error: 'timeout: no first token within 60 s', weight: 1 },
  { status: 401, error: 'key_expired: this key expired', weight: 0.5 },
];

/** One synthetic request at `time`, from `who` (a TRAFFIC_KEYS entry), or null. */
export function makeRequest(random, time, who, options = {}) {
  const groupName =
    options.model ?? pickWeighted(random, who.models, (m, i) => 1 / (1 + who.models.indexOf(m)));
  const group = findGroup(groupName) ?? GROUPS[0];
  let deployment = pick(random, group.deployments);
  const embeddings = group.name.startsWith('text-embedding');
  const reasoningModel = /r1|o4/.test(group.name);
  const failRoll = random();
  const failure = options.fail
    ? FAILURES[4]
    : failRoll < 0.045
      ? pickWeighted(random, FAILURES, (f) => f.weight)
      : null;

  const prompt = embeddings ? skewed(random, 400, 0.9, 8000) : skewed(random, 1400, 1.1, 120_000);
  const tokens = {
    prompt,
    completion: 0,
    cached: 0,
    cache_write: 0,
    reasoning: 0,
  };
  const answered = !failure || failure.status === 200;
  if (answered && !embeddings) {
    tokens.completion = skewed(random, 320, 0.9, 16_000);
    if (random() < 0.35) tokens.cached = Math.floor(prompt * (0.4 + random() * 0.5));
    if (deployment.provider === 'anthropic' && random() < 0.15)
      tokens.cache_write = Math.floor(prompt * 0.3);
    if (reasoningModel) {
      tokens.reasoning = skewed(random, 600, 0.8, 12_000);
      tokens.completion += tokens.reasoning;
    }
  }

  // Now and then the first deployment fails and another (or the fallback group) answers.
  let attempts = 1;
  let attemptLog = null;
  const retried = !failure && random() < 0.03;
  if (retried) {
    const first = deployment;
    const others = group.deployments.filter((d) => d !== first);
    const fallback =
      others.length === 0 && group.fallbacks[0] ? findGroup(group.fallbacks[0]) : null;
    deployment = others[0] ?? fallback?.deployments[0] ?? first;
    attempts = 2;
    attemptLog = [
      {
        deployment: first.id,
        model: group.name,
        status: pick(random, [429, 500, 503]),
        error: pick(random, [
          'upstream_error: 503 Service Unavailable',
          'upstream rate limited (429)',
          'upstream_error: 500 Internal Server Error',
        ]),
        ms: Math.round(200 + random() * 1500),
      },
      {
        deployment: deployment.id,
        model: fallback ? fallback.name : group.name,
        status: 200,
        error: null,
        ms: null,
      },
    ];
  }

  const ttft =
    answered && !embeddings ? Math.round(180 + random() * 700 + (reasoningModel ? 1500 : 0)) : null;
  const total = answered
    ? (ttft ?? 80) +
      Math.round(tokens.completion * (6 + random() * 10)) +
      (attemptLog?.[0]?.ms ?? 0)
    : Math.round(30 + random() * (failure?.status >= 500 ? 8000 : 40));
  if (attemptLog) attemptLog[1].ms = total - attemptLog[0].ms;
  const fullCost = answered ? priceNanos(deployment.price, tokens) : 0;
  // Now and then an identical request was answered from the response cache: no provider, cost 0,
  // its original cost saved (decided by the time, so the seeded traffic stays the same).
  const cacheHit = answered && !failure && !embeddings && !retried && time % 13 === 0;
  const cost = cacheHit ? 0 : fullCost;
  let saved = null;
  if (cacheHit) saved = fullCost;
  else if (answered && tokens.cached > 0 && deployment.price?.cached_input_per_million != null)
    saved = Math.round(
      tokens.cached *
        (deployment.price.input_per_million - deployment.price.cached_input_per_million) *
        1000,
    );
  const endUser = who.endUsers ? `user_${1 + Math.floor(random() * who.endUsers)}` : '';
  return {
    request_id: options.requestId,
    time_ms: time,
    key: who.id,
    team: who.team || '',
    end_user: endUser,
    route: embeddings ? '/v1/embeddings' : '/v1/chat/completions',
    model: group.name,
    deployment: cacheHit ? '' : deployment.id,
    provider: cacheHit ? 'cache' : deployment.provider,
    status: failure ? failure.status : 200,
    error: failure ? failure.error : '',
    stream: !embeddings && random() < 0.7,
    client_gone: answered && random() < 0.01,
    tokens,
    cost_nanos: failure && failure.status !== 200 ? 0 : cost,
    cache_hit: cacheHit,
    saved_nanos: saved,
    total_ms: total,
    ttft_ms: ttft,
    overhead_ms: Math.round((0.4 + random() * 2.2) * 10) / 10,
    attempts,
    attempt_log: attemptLog,
  };
}

/** Fills `ledger` with about `count` requests over the last `days` days, up to `now`. */
export function seedLedger(ledger, { count, days = 90, now = Date.now(), seed = 7 }) {
  const random = rng(seed);
  const firstDay = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  const dayWeights = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(firstDay + d * DAY);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const growth = 0.55 + (0.45 * d) / days; // use grows over the quarter
    dayWeights.push((weekend ? 0.45 : 1) * growth * (0.85 + random() * 0.3));
  }
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  for (let d = 0; d < days; d++) {
    const dayStart = firstDay + d * DAY;
    const n = Math.round((count * dayWeights[d]) / weightSum);
    const times = [];
    for (let k = 0; k < n; k++) {
      // An hour by the office-hours rhythm, then a moment within it.
      let r = random() * HOUR_TOTAL;
      let hour = 0;
      while (hour < 23 && (r -= HOUR_WEIGHT[hour]) > 0) hour++;
      const t = dayStart + hour * HOUR + Math.floor(random() * HOUR);
      if (t <= now) times.push(t);
    }
    times.sort((a, b) => a - b);
    for (const t of times) {
      // The spent key ran dry three weeks ago; the nearly-spent one only started this month.
      const who = pickWeighted(random, TRAFFIC_KEYS, (k) => k.share);
      if (who.id === 'key_b40e' && t > now - 21 * DAY) continue;
      ledger.push(makeRequest(random, t, who));
    }
  }
}
