"""Fills a keygate ledger (schema already made by keygate) with synthetic requests.

Usage: fill_ledger.py LEDGER_DB ROWS

Rows spread evenly over the last 30 days: 200 keys on 20 teams, 12 models on 3 providers with 2
deployments each, 3% errors, half of them streams. The daily spend tables are then summed from the
rows, as keygate's writer keeps them (docs/ledger.md).
"""
import random
import sqlite3
import sys
import time

db_path, rows = sys.argv[1], int(sys.argv[2])
random.seed(17)
now_ms = int(time.time() * 1000)
span_ms = 30 * 86_400_000
models = [f"model-{i}" for i in range(12)]
providers = ["openai", "anthropic", "gemini"]
keys = [f"key-{i:03d}" for i in range(200)]

db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = OFF")
insert = """INSERT INTO requests (request_id, time_ms, key_id, team, endpoint, model, deployment,
  provider, status, error_code, prompt_tokens, completion_tokens, cached_tokens,
  cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, client_gone,
  ttft_ms, overhead_ms, attempts, end_user)
  VALUES (?, ?, ?, ?, 'chat.completions', ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 1, ?, ?, ?, 0, ?, 0.3, 1, ?)"""


def row(i):
    t = now_ms - span_ms + (i * span_ms) // rows
    k = random.randrange(len(keys))
    m = random.randrange(len(models))
    failed = random.random() < 0.03
    stream = i % 2
    prompt = random.randrange(20, 4000)
    completion = 0 if failed else random.randrange(1, 800)
    latency = random.uniform(80, 4000)
    return (f"req-{i:08d}", t, keys[k], f"team-{k % 20:02d}", models[m],
            f"{models[m]}-{'ab'[i % 2]}", providers[m % 3], 500 if failed else 200,
            "upstream_error" if failed else "", prompt, completion,
            None if m == 11 else prompt * 300 + completion * 1200, latency,
            stream, latency / 4 if stream and not failed else None, f"user-{i % 1000}")


batch = 50_000
for start in range(0, rows, batch):
    db.execute("BEGIN")
    db.executemany(insert, (row(i) for i in range(start, min(rows, start + batch))))
    db.execute("COMMIT")
db.execute("BEGIN")
db.execute("""INSERT INTO spend_daily_routes (day, model, provider, deployment, requests,
  prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_nanos,
  unknown_cost_requests, cache_hits, saved_nanos)
  SELECT time_ms / 86400000, model, provider, deployment, COUNT(*), SUM(prompt_tokens),
         SUM(completion_tokens), SUM(cached_tokens), SUM(cache_write_tokens),
         SUM(reasoning_tokens), COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL),
         SUM(cache_hit != 0), COALESCE(SUM(saved_nanos), 0)
  FROM requests GROUP BY 1, 2, 3, 4""")
db.execute("""INSERT INTO spend_daily_keys (day, key_id, team, requests, prompt_tokens,
  completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_nanos,
  unknown_cost_requests, cache_hits, saved_nanos)
  SELECT time_ms / 86400000, key_id, team, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),
         SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
         COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL), SUM(cache_hit != 0),
         COALESCE(SUM(saved_nanos), 0)
  FROM requests GROUP BY 1, 2, 3""")
db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
