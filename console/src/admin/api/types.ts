// Shapes of the admin API (docs/admin-api.md). One place, so a contract change is one edit.

export type SpendDimension =
  'day' | 'model' | 'provider' | 'deployment' | 'key' | 'team' | 'end_user';

export interface SpendRow {
  group: string | null;
  group2?: string | null;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  cost_nanos: number | null;
  unknown_cost_requests: number;
  /** Answers from the response cache (absent from a keygate that does not report them). */
  cache_hits?: number;
  /** What the response cache and prompt caching saved, net of cache-write premiums. */
  saved_usd?: number | null;
  saved_nanos?: number | null;
}

export interface SpendQuery {
  group_by: SpendDimension | `${SpendDimension},${SpendDimension}`;
  from?: string;
  to?: string;
  key?: string;
  team?: string;
  model?: string;
  provider?: string;
  deployment?: string;
  end_user?: string;
}

export interface RequestTokens {
  prompt: number;
  completion: number;
  cached: number;
  cache_write: number;
  reasoning: number;
}

/** One try at one deployment, in order; the last is the one that answered or failed. */
export interface AttemptInfo {
  deployment: string;
  model: string | null;
  status: number;
  error: string | null;
  ms: number | null;
}

export interface RequestRow {
  request_id: string;
  time_ms: number;
  key: string;
  team: string | null;
  end_user: string | null;
  route: string;
  model: string;
  deployment: string | null;
  provider: string | null;
  status: number;
  error: string | null;
  stream: boolean;
  client_gone: boolean;
  tokens: RequestTokens;
  cost_usd: number | null;
  cost_nanos: number | null;
  /** Answered from the response cache, at no cost. */
  cache_hit?: boolean;
  /** What a cache hit or prompt caching saved; null when nothing was. */
  saved_usd?: number | null;
  saved_nanos?: number | null;
  total_ms: number | null;
  ttft_ms: number | null;
  overhead_ms: number | null;
  attempts: number;
  attempt_log?: AttemptInfo[] | null;
}

export interface RequestPage {
  object?: 'list';
  data: RequestRow[];
  next: string | null;
}

export interface RequestQuery {
  key?: string;
  team?: string;
  model?: string;
  deployment?: string;
  status?: string;
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total' | string;

export interface BudgetFigures {
  usd: number;
  period: BudgetPeriod;
  spent_usd: number;
  spent_nanos?: number | null;
  remaining_usd: number;
  resets_at: number | null;
}

export interface Limits {
  rpm: number | null;
  tpm: number | null;
  max_parallel: number | null;
}

export interface Headroom {
  requests: number | null;
  tokens: number | null;
  parallel: number | null;
}

export interface BudgetEntry {
  id: string;
  alias?: string | null;
  team?: string | null;
  budget: BudgetFigures | null;
  limits: Limits;
  headroom: Headroom;
}

export interface BudgetsAnswer {
  keys: BudgetEntry[];
  teams: BudgetEntry[];
}

export interface BudgetSetting {
  usd: number;
  period: BudgetPeriod;
}

/** A virtual key as the admin API lists it (docs/access.md): limits 0 mean none. */
export interface AdminKey {
  id: string;
  alias: string;
  team: string;
  revoked: boolean;
  source: 'config' | 'api' | string;
  created_at_ms: number | null;
  models: string[];
  rpm: number;
  tpm: number;
  max_parallel: number;
  budget: BudgetSetting | null;
  expires_at_ms: number | null;
  /** Only in the answer to POST /admin/keys. */
  key?: string;
}

export interface KeyChange {
  alias?: string;
  team?: string;
  models?: string[];
  rpm?: number;
  tpm?: number;
  max_parallel?: number;
  budget?: BudgetSetting | null;
  expires_at_ms?: number | null;
}

export interface AdminTeam {
  id: string;
  source: 'config' | 'api' | string;
  models: string[];
  rpm: number;
  tpm: number;
  max_parallel: number;
  budget: BudgetSetting | null;
}

export interface TeamChange {
  id?: string;
  models?: string[];
  rpm?: number;
  tpm?: number;
  max_parallel?: number;
  budget?: BudgetSetting | null;
}

export type DeploymentState = 'healthy' | 'cooling_down' | 'probing';

export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

export interface DeploymentHealth {
  id: string;
  provider: string;
  model: string;
  state: DeploymentState;
  cooldown_until: number | null;
  recent_failures: Record<string, number>;
  in_flight: number;
  latency_ms: Percentiles;
  ttft_ms: Percentiles;
  price: {
    input_per_million: number;
    output_per_million: number;
    cached_input_per_million: number | null;
  } | null;
}

export interface ModelGroup {
  name: string;
  strategy: string;
  retries: number;
  fallbacks: string[];
  context_window_fallbacks: string[];
  content_policy_fallbacks: string[];
  deployments: DeploymentHealth[];
}

export interface ConfigAnswer {
  source: string;
  yaml: string;
}

export type ReloadAnswer = { applied: true } | { applied: false; problems: string[] };
