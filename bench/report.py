#!/usr/bin/env python3
"""Collect wrk results (the BENCH line printed by chat.lua) and print a markdown table.

  report.py add RESULTS TARGET SCENARIO WRK_OUTPUT RSS_KB   append one run to RESULTS (JSON lines)
  report.py table RESULTS                                   print the table; exit 1 if any run had errors
"""
import json
import sys

ERROR_KEYS = ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")


def parse_bench_line(path):
    with open(path) as f:
        for line in f:
            if line.startswith("BENCH "):
                return {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    raise SystemExit(f"report.py: no BENCH line in {path}")


def add(results, target, scenario, wrk_output, rss_kb):
    r = parse_bench_line(wrk_output)
    row = {
        "target": target,
        "scenario": scenario,
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "p50_ms": r["p50_us"] / 1000,
        "p99_ms": r["p99_us"] / 1000,
        "rss_mb": int(rss_kb) / 1024 if rss_kb != "-" else None,
        "errors": {k: r[k] for k in ERROR_KEYS if r[k]},
    }
    with open(results, "a") as f:
        f.write(json.dumps(row) + "\n")
    if row["errors"]:
        print(f"WARNING: {target}/{scenario}: errors {row['errors']}", file=sys.stderr)


def table(results):
    with open(results) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    base = {(r["scenario"], r["target"]): r["rps"] for r in rows}

    def ratio(r, other):
        b = base.get((r["scenario"], other))
        return f"{r['rps'] / b:.2f}" if b else "-"

    print("| target | scenario | rps | p50 ms | p99 ms | RSS MB | rps / direct | rps / nginx | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        rss = f"{r['rss_mb']:.1f}" if r["rss_mb"] is not None else "-"
        print(f"| {r['target']} | {r['scenario']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
              f"{r['p99_ms']:.2f} | {rss} | {ratio(r, 'direct')} | {ratio(r, 'nginx')} | "
              f"{sum(r['errors'].values())} |")
    bad = [r for r in rows if r["errors"]]
    for r in bad:
        print(f"WARNING: {r['target']}/{r['scenario']} had errors: {r['errors']}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "add":
        add(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        sys.exit(table(sys.argv[2]))
    else:
        sys.exit(__doc__)
