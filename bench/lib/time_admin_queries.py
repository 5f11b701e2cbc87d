"""Times admin API reads against a running keygate; prints p50/p95 per query.

Usage: time_admin_queries.py PORT MASTER_KEY RUNS LIMIT_MS
Exits 1 when any query's p95 passes LIMIT_MS.
"""
import http.client
import json
import sys
import time
from datetime import datetime, timedelta, timezone

port, master, runs, limit_ms = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
today = datetime.now(timezone.utc).date()
month_ago = (today - timedelta(days=29)).isoformat()

conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def get(target):
    conn.request("GET", target, headers={"Authorization": f"Bearer {master}"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{target}: {response.status} {body[:200]!r}")
    return json.loads(body)


# A cursor from deep in the ledger: the page after ten thousand rows.
deep = get("/admin/requests?limit=200")
for _ in range(49):
    deep = get(f"/admin/requests?limit=200&before={deep['next']}")
cursor = deep["next"]

queries = [
    ("requests: first page", "/admin/requests?limit=50"),
    ("requests: page 51 (cursor)", f"/admin/requests?limit=50&before={cursor}"),
    ("requests: key", "/admin/requests?limit=50&key=key-042"),
    ("requests: model", "/admin/requests?limit=50&model=model-3"),
    ("requests: deployment", "/admin/requests?limit=50&deployment=model-5-b"),
    ("requests: status=error", "/admin/requests?limit=50&status=error"),
    ("requests: status=5xx, key", "/admin/requests?limit=50&status=5xx&key=key-007"),
    ("requests: last week", f"/admin/requests?limit=50&from={(today - timedelta(days=7)).isoformat()}"),
    ("spend: a month by day", f"/admin/spend?group_by=day&from={month_ago}&to={today.isoformat()}"),
    ("spend: a month by day, model", f"/admin/spend?group_by=day,model&from={month_ago}"),
    ("spend: a month by key", f"/admin/spend?group_by=key&from={month_ago}"),
    ("spend: one key by day", f"/admin/spend?group_by=day&key=key-042&from={month_ago}"),
]

failed = False
print(f"{'query':34} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6}")
for name, target in queries:
    get(target)  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        body = get(target)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p50 = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    over = p95 > limit_ms
    failed |= over
    print(f"{name:34} {p50:8.1f} {p95:8.1f} {len(body.get('data', [])):6}{'  OVER' if over else ''}")
sys.exit(1 if failed else 0)
