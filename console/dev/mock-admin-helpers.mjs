// What the mock admin API's routes share: answering in the admin API's JSON and error shapes,
// reading times and percentiles, CSV cells, the masked configuration text, and a traffic key drawn
// by share.
import { GROUPS, TRAFFIC_KEYS } from './mock-catalogue.mjs';

const DAY = 86_400_000;

export function pickKey(random) {
  let r = random();
  for (const k of TRAFFIC_KEYS) if ((r -= k.share) <= 0) return k;
  return TRAFFIC_KEYS[0];
}

export function percentiles(values) {
  if (values.length === 0) return { p50: null, p95: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p95: at(0.95) };
}

/** YYYY-MM-DD (UTC; `to` includes its day) or unix ms; null when absent, undefined when bad. */
export function parseTime(text, end) {
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms)) return undefined;
    return end ? ms + DAY : ms;
  }
  if (/^\d{10,16}$/.test(text)) return Number(text) + (end ? 1 : 0);
  return undefined;
}

export function csv(value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function fail(res, status, code, message, param = null) {
  send(res, status, {
    error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param, code },
  });
}

export function configYaml(keys, teams) {
  const keyLines = [...keys.values()]
    .filter((k) => k.source === 'config')
    .map(
      (k) =>
        `    - id: ${k.id}\n      alias: ${k.alias}\n      key: "***"${k.team ? `\n      team: ${k.team}` : ''}${k.budget ? `\n      budget: { usd: ${k.budget.usd}, period: ${k.budget.period} }` : ''}\n      rpm: ${k.rpm}\n      tpm: ${k.tpm}`,
    )
    .join('\n');
  const teamLines = [...teams.values()]
    .filter((t) => t.source === 'config')
    .map(
      (t) =>
        `    ${t.id}:\n      rpm: ${t.rpm}\n      tpm: ${t.tpm}${t.budget ? `\n      budget: { usd: ${t.budget.usd}, period: ${t.budget.period} }` : ''}`,
    )
    .join('\n');
  const models = GROUPS.flatMap((g) =>
    g.deployments.map(
      (d) =>
        `  - model_name: ${g.name}\n    litellm_params:\n      model: ${d.provider}/${d.model}\n      api_key: "***"${d.provider === 'azure' ? '\n      api_base: https://eastus.openai.azure.com\n      api_version: "2025-01-01-preview"' : ''}${d.provider === 'bedrock' ? '\n      aws_access_key_id: "***"\n      aws_secret_access_key: "***"\n      aws_region_name: us-east-1' : ''}${d.provider === 'ollama' ? '\n      api_base: http://127.0.0.1:11434' : ''}\n    model_info:\n      id: ${d.id}${d.price ? `\n      input_cost_per_million: ${d.price.input_per_million}\n      output_cost_per_million: ${d.price.output_per_million}` : ''}`,
    ),
  ).join('\n');
  const fallbacks = GROUPS.filter((g) => g.fallbacks.length)
    .map((g) => `    - ${g.name}: [${g.fallbacks.join(', ')}]`)
    .join('\n');
  return `# keygate configuration (as loaded; secrets shown as ***)
server:
  host: 0.0.0.0
  port: 4000
  tls:
    cert: /etc/keygate/tls/cert.pem
    key: /etc/keygate/tls/key.pem

auth:
  master_key: "***"
  keys:
${keyLines || '    []'}
  teams:
${teamLines || '    {}'}

model_list:
${models}

router_settings:
  routing_strategy: simple-shuffle
  num_retries: 2
  cooldown_time: 60
  allowed_fails: 3
  fallbacks:
${fallbacks}

ledger:
  path: /var/lib/keygate/ledger.db

redis:
  host: 127.0.0.1
  port: 6379
  password: "***"
  on_failure: open

console:
  path: /var/lib/keygate/console.db
`;
}
