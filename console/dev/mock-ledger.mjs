// The mock's request ledger, column by column in typed arrays so a million rows fit in a few
// tens of megabytes and a month of daily spend is summed in milliseconds, like keygate's own
// indexed SQLite ledger. Rows are kept in time order; strings are interned.

const DAY = 86_400_000;

export class Ledger {
  constructor(capacity = 1024) {
    this.length = 0;
    this.strings = [''];
    this.stringIds = new Map([['', 0]]);
    this.ids = new Map(); // request id -> row, for rows with ids that are not derived
    this.extraIds = new Map(); // row -> request id
    this.attemptLogs = new Map(); // row -> attempt list (only rows with more than one try)
    this.allocate(capacity);
  }

  allocate(capacity) {
    const grow = (Type, old) => {
      const next = new Type(capacity);
      if (old) next.set(old.subarray(0, this.length));
      return next;
    };
    this.capacity = capacity;
    this.time = grow(Float64Array, this.time);
    this.key = grow(Uint16Array, this.key);
    this.team = grow(Uint16Array, this.team);
    this.endUser = grow(Uint16Array, this.endUser);
    this.model = grow(Uint16Array, this.model);
    this.deployment = grow(Uint16Array, this.deployment);
    this.provider = grow(Uint16Array, this.provider);
    this.route = grow(Uint16Array, this.route);
    this.status = grow(Uint16Array, this.status);
    this.error = grow(Uint16Array, this.error);
    this.prompt = grow(Uint32Array, this.prompt);
    this.completion = grow(Uint32Array, this.completion);
    this.cached = grow(Uint32Array, this.cached);
    this.cacheWrite = grow(Uint32Array, this.cacheWrite);
    this.reasoning = grow(Uint32Array, this.reasoning);
    this.cost = grow(Float64Array, this.cost); // nanodollars; -1: no price
    this.totalMs = grow(Float32Array, this.totalMs);
    this.ttftMs = grow(Float32Array, this.ttftMs); // -1: none
    this.overheadMs = grow(Float32Array, this.overheadMs);
    this.attempts = grow(Uint8Array, this.attempts);
    this.flags = grow(Uint8Array, this.flags); // 1 stream, 2 client gone, 4 response cache hit
    this.saved = grow(Float64Array, this.saved); // nanodollars a cache saved; NaN: none
  }

  intern(text) {
    const value = text ?? '';
    let id = this.stringIds.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.stringIds.set(value, id);
    }
    return id;
  }

  str(id) {
    return this.strings[id] ?? '';
  }

  /** Appends a row; its time must not be before the last row's. */
  push(row) {
    if (this.length === this.capacity) this.allocate(this.capacity * 2);
    const i = this.length++;
    this.time[i] = row.time_ms;
    this.key[i] = this.intern(row.key);
    this.team[i] = this.intern(row.team);
    this.endUser[i] = this.intern(row.end_user);
    this.model[i] = this.intern(row.model);
    this.deployment[i] = this.intern(row.deployment);
    this.provider[i] = this.intern(row.provider);
    this.route[i] = this.intern(row.route ?? '/v1/chat/completions');
    this.status[i] = row.status;
    this.error[i] = this.intern(row.error);
    this.prompt[i] = row.tokens.prompt;
    this.completion[i] = row.tokens.completion;
    this.cached[i] = row.tokens.cached;
    this.cacheWrite[i] = row.tokens.cache_write;
    this.reasoning[i] = row.tokens.reasoning;
    this.cost[i] = row.cost_nanos ?? -1;
    this.totalMs[i] = row.total_ms ?? 0;
    this.ttftMs[i] = row.ttft_ms ?? -1;
    this.overheadMs[i] = row.overhead_ms ?? 0;
    this.attempts[i] = row.attempts ?? 1;
    this.flags[i] = (row.stream ? 1 : 0) | (row.client_gone ? 2 : 0) | (row.cache_hit ? 4 : 0);
    this.saved[i] = row.saved_nanos ?? NaN;
    if (row.request_id) {
      this.ids.set(row.request_id, i);
      this.extraIds.set(i, row.request_id);
    }
    if (row.attempt_log && row.attempt_log.length > 1) this.attemptLogs.set(i, row.attempt_log);
    return i;
  }

  requestId(i) {
    return this.extraIds.get(i) ?? derivedId(i);
  }

  find(requestId) {
    const known = this.ids.get(requestId);
    if (known !== undefined) return known;
    const match = /^req_[0-9a-f]{8}([0-9a-f]{7})$/.exec(requestId);
    if (!match) return -1;
    const i = parseInt(match[1], 16);
    return i < this.length && derivedId(i) === requestId ? i : -1;
  }

  /** The first row at or after `ms`. */
  lowerBound(ms) {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time[mid] < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  row(i) {
    const cost = this.cost[i];
    const ttft = this.ttftMs[i];
    const status = this.status[i];
    return {
      request_id: this.requestId(i),
      time_ms: this.time[i],
      key: this.str(this.key[i]),
      team: this.str(this.team[i]) || null,
      end_user: this.str(this.endUser[i]) || null,
      route: this.str(this.route[i]),
      model: this.str(this.model[i]),
      deployment: this.str(this.deployment[i]) || null,
      provider: this.str(this.provider[i]) || null,
      status,
      error: this.str(this.error[i]) || null,
      stream: (this.flags[i] & 1) === 1,
      client_gone: (this.flags[i] & 2) === 2,
      tokens: {
        prompt: this.prompt[i],
        completion: this.completion[i],
        cached: this.cached[i],
        cache_write: this.cacheWrite[i],
        reasoning: this.reasoning[i],
      },
      cost_usd: cost < 0 ? null : cost / 1e9,
      cost_nanos: cost < 0 ? null : cost,
      cache_hit: (this.flags[i] & 4) === 4,
      saved_usd: Number.isNaN(this.saved[i]) ? null : this.saved[i] / 1e9,
      saved_nanos: Number.isNaN(this.saved[i]) ? null : this.saved[i],
      total_ms: Math.round(this.totalMs[i]),
      ttft_ms: ttft < 0 ? null : Math.round(ttft),
      overhead_ms: Math.round(this.overheadMs[i] * 10) / 10,
      attempts: this.attempts[i],
    };
  }

  detail(i) {
    const row = this.row(i);
    const log = this.attemptLogs.get(i);
    row.attempt_log = log ?? [
      {
        deployment: row.deployment,
        model: row.model,
        status: row.status,
        error: row.error,
        ms: row.total_ms,
      },
    ];
    return row;
  }

  /** A predicate over row indexes for the filters given (each a string, or undefined). */
  matcher(filters) {
    const idOf = (text) => (text === undefined ? undefined : (this.stringIds.get(text) ?? -2));
    const key = idOf(filters.key);
    const team = idOf(filters.team);
    const model = idOf(filters.model);
    const provider = idOf(filters.provider);
    const deployment = idOf(filters.deployment);
    const endUser = idOf(filters.end_user);
    const status = statusTest(filters.status);
    return (i) =>
      (key === undefined || this.key[i] === key) &&
      (team === undefined || this.team[i] === team) &&
      (model === undefined || this.model[i] === model) &&
      (provider === undefined || this.provider[i] === provider) &&
      (deployment === undefined || this.deployment[i] === deployment) &&
      (endUser === undefined || this.endUser[i] === endUser) &&
      (status === null || status(this.status[i]));
  }

  /** GET /admin/spend: rows grouped by one or two dimensions. */
  spend({ groupBy, fromMs, toMs, filters }) {
    const match = this.matcher(filters);
    const start = this.lowerBound(fromMs);
    const end = this.lowerBound(toMs);
    const groups = new Map();
    const valueOf = (dimension, i) => {
      switch (dimension) {
        case 'day':
          return new Date(Math.floor(this.time[i] / DAY) * DAY).toISOString().slice(0, 10);
        case 'model':
          return this.str(this.model[i]);
        case 'provider':
          return this.str(this.provider[i]) || null;
        case 'deployment':
          return this.str(this.deployment[i]) || null;
        case 'key':
          return this.str(this.key[i]);
        case 'team':
          return this.str(this.team[i]) || null;
        case 'end_user':
          return this.str(this.endUser[i]) || null;
      }
      return null;
    };
    const [first, second] = groupBy;
    for (let i = start; i < end; i++) {
      if (!match(i)) continue;
      const a = valueOf(first, i);
      const b = second ? valueOf(second, i) : undefined;
      const id = second ? `${a}\u0000${b}` : String(a);
      let g = groups.get(id);
      if (!g) {
        g = {
          group: a,
          ...(second ? { group2: b } : {}),
          requests: 0,
          prompt_tokens: 0,
          completion_tokens: 0,
          cached_tokens: 0,
          cache_write_tokens: 0,
          reasoning_tokens: 0,
          cost_nanos: 0,
          unknown_cost_requests: 0,
          cache_hits: 0,
          saved_nanos: 0,
        };
        groups.set(id, g);
      }
      g.requests++;
      g.prompt_tokens += this.prompt[i];
      g.completion_tokens += this.completion[i];
      g.cached_tokens += this.cached[i];
      g.cache_write_tokens += this.cacheWrite[i];
      g.reasoning_tokens += this.reasoning[i];
      if (this.cost[i] < 0) g.unknown_cost_requests++;
      else g.cost_nanos += this.cost[i];
      if ((this.flags[i] & 4) === 4) g.cache_hits++;
      if (!Number.isNaN(this.saved[i])) g.saved_nanos += this.saved[i];
    }
    const rows = [...groups.values()].map((g) => ({
      ...g,
      cost_usd: g.cost_nanos / 1e9,
      saved_usd: g.saved_nanos / 1e9,
    }));
    rows.sort((x, y) =>
      first === 'day'
        ? String(x.group).localeCompare(String(y.group)) || y.cost_nanos - x.cost_nanos
        : y.cost_nanos - x.cost_nanos,
    );
    return rows;
  }

  /** GET /admin/requests: newest first, one page, from the cursor on. */
  page({ fromMs, toMs, filters, before, limit }) {
    const match = this.matcher(filters);
    const floor = this.lowerBound(fromMs);
    let i = Math.min(this.lowerBound(toMs), before ?? Infinity) - 1;
    const out = [];
    let scanned = 0;
    for (; i >= floor && out.length < limit; i--) {
      scanned++;
      if (match(i)) out.push(i);
    }
    // More rows may match below the last one returned.
    const next = out.length === limit && i >= floor ? out[out.length - 1] : null;
    return { rows: out, next, scanned };
  }
}

function statusTest(status) {
  if (!status) return null;
  if (status === 'error') return (s) => s < 200 || s >= 300;
  const klass = /^([1-5])xx$/.exec(status);
  if (klass) {
    const base = Number(klass[1]) * 100;
    return (s) => s >= base && s < base + 100;
  }
  const code = Number(status);
  return (s) => s === code;
}

export function derivedId(i) {
  const scrambled = (Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `req_${scrambled}${i.toString(16).padStart(7, '0')}`;
}

export const encodeCursor = (row) => Buffer.from(`r${row}`).toString('base64url');
export const decodeCursor = (text) => {
  const value = /^r(\d+)$/.exec(Buffer.from(String(text), 'base64url').toString());
  return value ? Number(value[1]) : null;
};
