#!/usr/bin/env python3
"""Collect benchmark results (JSON lines in RESULTS) and print the tables.

  report.py wrk RESULTS TARGET SCENARIO WRK_OUTPUT RSS_KB       wrk run (the BENCH line of chat.lua)
  report.py vegeta RESULTS TARGET SCENARIO CSV RATE RSS_KB      vegeta run (vegeta encode --to csv)
  report.py streams RESULTS TARGET SCENARIO OUTPUT RSS_KB       streamclient loop run
  report.py hold RESULTS TARGET SCENARIO OUTPUT PEAK_KB IDLE_KB streamclient hold run
  report.py note RESULTS TARGET SCENARIO TEXT [error]           a run that did not happen (or failed)
  report.py footprint RESULTS TARGET KEY=VALUE...               idle_rss_kb, startup_ms
  report.py get RESULTS TARGET SCENARIO FIELD                   print one recorded value
  report.py table RESULTS [--targets]                           print the tables (and the targets)

`table` exits 1 if a run of direct, nginx or keygate had errors, 3 if --targets and one is not met.
"""
import csv
import json
import sys

CORE = ("direct", "nginx", "keygate")
WRK_ERRORS = ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")


def kv_line(path, prefix):
    with open(path) as f:
        for line in f:
            if line.startswith(prefix + " "):
                return {k: v for k, v in (kv.split("=", 1) for kv in line.split()[1:])}
    return None


def pct(values, p):
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else None


def rss(value):
    return int(value) if value not in ("-", "", "0") else None


def append(results, row):
    with open(results, "a") as f:
        f.write(json.dumps(row) + "\n")
    if row.get("errors"):
        print(f"WARNING: {row['target']}/{row['scenario']}: {row['errors']} errors "
              f"{row.get('detail', '')}", file=sys.stderr)


def missing(results, target, scenario, path):
    append(results, {"kind": "note", "target": target, "scenario": scenario, "errors": 1,
                     "note": f"failed: no result line in {path}"})


def add_wrk(results, target, scenario, path, rss_kb):
    r = kv_line(path, "BENCH")
    if r is None:
        return missing(results, target, scenario, path)
    r = {k: int(v) for k, v in r.items()}
    errors = {k: r[k] for k in WRK_ERRORS if r[k]}
    append(results, {"kind": "run", "target": target, "scenario": scenario,
                     "throughput": r["requests"] / (r["duration_us"] / 1e6), "unit": "req/s",
                     "p50_us": r["p50_us"], "p99_us": r["p99_us"], "p999_us": r["p999_us"],
                     "rss_kb": rss(rss_kb), "errors": sum(errors.values()), "detail": errors or ""})


def add_vegeta(results, target, scenario, path, rate, rss_kb):
    ok, errors, first, last = [], {}, None, None
    with open(path, newline="") as f:
        for row in csv.reader(f):
            ts, code, latency, error = int(row[0]), int(row[1]), int(row[2]), row[5]
            first = ts if first is None else min(first, ts)
            last = ts if last is None else max(last, ts)
            if code == 200 and not error:
                ok.append(latency / 1000)
            else:
                key = error.split(": ")[-1][:60] if error else f"status {code}"
                if "Client.Timeout" in error:
                    key = "timeout"
                errors[key] = errors.get(key, 0) + 1
    ok.sort()
    seconds = (last - first) / 1e9 + 1 / int(rate) if first is not None else 1
    append(results, {"kind": "run", "target": target, "scenario": scenario,
                     "throughput": len(ok) / seconds, "unit": "req/s", "offered": int(rate),
                     "sent": len(ok) + sum(errors.values()),
                     "p50_us": pct(ok, 50), "p99_us": pct(ok, 99), "p999_us": pct(ok, 99.9),
                     "rss_kb": rss(rss_kb), "errors": sum(errors.values()), "detail": errors or ""})


def stream_fields(path):
    r = kv_line(path, "STREAMS")
    return None if r is None else {k: (v if k == "mode" else float(v)) for k, v in r.items()}


def add_streams(results, target, scenario, path, rss_kb):
    r = stream_fields(path)
    if r is None:
        return missing(results, target, scenario, path)
    seconds = r["duration_us"] / 1e6
    append(results, {"kind": "run", "target": target, "scenario": scenario + " TTFB",
                     "throughput": r["completed"] / seconds, "unit": "streams/s",
                     "p50_us": r["ttfb_p50_us"], "p99_us": r["ttfb_p99_us"], "p999_us": r["ttfb_p999_us"],
                     "rss_kb": rss(rss_kb), "errors": int(r["dropped"]), "detail": ""})
    append(results, {"kind": "run", "target": target, "scenario": scenario + " per chunk",
                     "throughput": r["chunks"] / seconds, "unit": "chunks/s",
                     "p50_us": r["chunk_p50_us"], "p99_us": r["chunk_p99_us"], "p999_us": r["chunk_p999_us"],
                     "rss_kb": None, "errors": 0, "detail": ""})


def add_hold(results, target, scenario, path, peak_kb, idle_kb):
    r = stream_fields(path)
    if r is None:
        return missing(results, target, scenario, path)
    n, peak = int(r["streams"]), rss(peak_kb)
    per_stream = (peak - int(idle_kb)) / n if peak and n else None
    append(results, {"kind": "run", "target": target, "scenario": scenario, "throughput": r["completed"],
                     "unit": f"of {n} streams done", "streams": n, "completed": int(r["completed"]),
                     "dropped": int(r["dropped"]), "open_peak": int(r["open_peak"]),
                     "p50_us": r["ttfb_p50_us"], "p99_us": r["ttfb_p99_us"], "p999_us": r["ttfb_p999_us"],
                     "rss_kb": peak, "rss_per_stream_kb": per_stream, "errors": int(r["dropped"]),
                     "detail": f"{int(r['dropped'])} dropped, {r['open_peak']:.0f} open at once"})


def load(results):
    with open(results) as f:
        return [json.loads(line) for line in f if line.strip()]


def get(results, target, scenario, field):
    for r in load(results):
        if r["target"] == target and r["scenario"] == scenario and field in r:
            print(r[field])
            return 0
    return f"report.py: no {field} for {target}/{scenario}"


def num(v, fmt="{:.0f}"):
    return "-" if v is None else fmt.format(v)


def table(results, with_targets):
    rows = load(results)
    runs = {(r["target"], r["scenario"]): r for r in rows if r["kind"] == "run"}
    foot = {}
    for r in rows:
        if r["kind"] == "footprint":
            foot.setdefault(r["target"], {}).update(r["values"])

    def added(r, q):
        d = runs.get(("direct", r["scenario"]))
        return r[q] - d[q] if d and r.get(q) is not None and d.get(q) is not None else None

    def ratio(r, other):
        b = runs.get((other, r["scenario"]))
        if r["scenario"] in ("S3", "S5") or "chunk" in r["scenario"] or not b or not b["throughput"]:
            return "-"
        x = r["throughput"] / b["throughput"]
        return f"{x:.2f}" if x >= 0.1 else f"{x:.3f}"

    print("| target | scenario | throughput | p50 µs | p99 µs | p99.9 µs | added p50 / p99 / p99.9 µs "
          "| RSS MB | ÷ direct | ÷ nginx | errors, notes |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    order = {t: i for i, t in enumerate(CORE + ("litellm", "portkey"))}
    rows.sort(key=lambda r: (r["scenario"], order.get(r["target"], 9)))
    for r in rows:
        if r["kind"] == "note":
            print(f"| {r['target']} | {r['scenario']} | {r['note']} |  |  |  |  |  |  |  |  |")
            continue
        if r["kind"] != "run":
            continue
        add = "-"
        if r["target"] != "direct" and r["scenario"].startswith(("S3", "S4")):
            add = " / ".join(num(added(r, q), "{:+.0f}") for q in ("p50_us", "p99_us", "p999_us"))
        tp = f"{r['throughput']:.0f} {r['unit']}"
        if "offered" in r:
            tp += f" (offered {r['offered']}/s, sent {r['sent']})"
        notes = str(r["errors"]) + (f": {r['detail']}" if r["detail"] else "")
        if r.get("rss_per_stream_kb") is not None:
            notes += f"; {r['rss_per_stream_kb']:.1f} KB RSS/stream"
        rss_mb = num(r["rss_kb"] and r["rss_kb"] / 1024, "{:.1f}")
        print(f"| {r['target']} | {r['scenario']} | {tp} | {num(r['p50_us'])} | {num(r['p99_us'])} | "
              f"{num(r['p999_us'])} | {add} | {rss_mb} | {ratio(r, 'direct')} | {ratio(r, 'nginx')} | {notes} |")

    print()
    print("| target | idle RSS MB | RSS under S1 MB | RSS per stream KB (S5) | startup ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for t in ("keygate", "litellm", "portkey"):
        if t not in foot:
            continue
        s1, s5 = runs.get((t, "S1"), {}), runs.get((t, "S5"), {})
        print(f"| {t} | {num(foot[t].get('idle_rss_kb', 0) / 1024, '{:.1f}')} | "
              f"{num(s1.get('rss_kb') and s1['rss_kb'] / 1024, '{:.1f}')} | "
              f"{num(s5.get('rss_per_stream_kb'), '{:.1f}')} | {num(foot[t].get('startup_ms'))} |")

    bad = [r for r in rows if r.get("errors") and r["target"] in CORE]
    for r in bad:
        print(f"WARNING: {r['target']}/{r['scenario']} had errors: {r.get('detail') or r.get('note')}",
              file=sys.stderr)
    status = 1 if bad else 0
    if with_targets and not print_targets(runs, foot, rows, added):
        status = status or 3
    return status


def print_targets(runs, foot, rows, added):
    kg = lambda s: runs.get(("keygate", s))
    lines = []

    def check(name, ok, figure):
        lines.append((name, ok, figure))

    def vs_nginx(s, goal):
        k, n = kg(s), runs.get(("nginx", s))
        if not k or not n:
            why = next((r["note"] for r in rows if r["kind"] == "note" and r["target"] == "keygate"
                        and r["scenario"] == s), "not measured")
            return check(f"{s} keygate ≥ {goal}× nginx", None, why)
        x = k["throughput"] / n["throughput"]
        check(f"{s} keygate ≥ {goal}× nginx", x >= goal, f"{x:.2f}×")

    vs_nginx("S1", 0.9)
    vs_nginx("S2", 0.6)
    s3 = kg("S3")
    if s3:
        a50, a99 = added(s3, "p50_us"), added(s3, "p99_us")
        check("S3 added p50 ≤ 50 µs, p99 ≤ 300 µs", a50 is not None and a50 <= 50 and a99 <= 300,
              f"p50 {a50:+.0f} µs, p99 {a99:+.0f} µs at {s3['offered']}/s")
    s4 = kg("S4 per chunk")
    if s4:
        a99 = added(s4, "p99_us")
        check("S4 per-chunk added p99 ≤ 100 µs", a99 is not None and a99 <= 100, f"{a99:+.0f} µs")
    s5 = kg("S5")
    if s5:
        per = s5["rss_per_stream_kb"]
        check("S5 all streams complete, ≤ 30 KB RSS/stream",
              s5["completed"] == s5["streams"] and per is not None and per <= 30,
              f"{s5['completed']}/{s5['streams']} complete, {num(per, '{:.1f}')} KB/stream")
    f = foot.get("keygate", {})
    if "idle_rss_kb" in f:
        check("idle RSS ≤ 15 MB", f["idle_rss_kb"] <= 15 * 1024, f"{f['idle_rss_kb'] / 1024:.1f} MB")
    if "startup_ms" in f:
        check("startup ≤ 100 ms", f["startup_ms"] <= 100, f"{f['startup_ms']:.0f} ms")
    print("\nTargets (keygate, this run):")
    for name, ok, figure in lines:
        print(f"- {name}: {'met' if ok else 'n/a' if ok is None else 'NOT MET'} ({figure})")
    return all(ok is not False for _, ok, _ in lines)


def main(argv):
    cmd, args = (argv[1], argv[2:]) if len(argv) > 2 else (None, [])
    if cmd == "wrk" and len(args) == 5:
        return add_wrk(*args)
    if cmd == "vegeta" and len(args) == 6:
        return add_vegeta(*args)
    if cmd == "streams" and len(args) == 5:
        return add_streams(*args)
    if cmd == "hold" and len(args) == 6:
        return add_hold(*args)
    if cmd == "note" and len(args) in (4, 5):
        return append(args[0], {"kind": "note", "target": args[1], "scenario": args[2], "note": args[3],
                                "errors": 1 if args[4:] == ["error"] else 0})
    if cmd == "footprint" and len(args) >= 3:
        values = {k: float(v) for k, v in (a.split("=", 1) for a in args[2:])}
        return append(args[0], {"kind": "footprint", "target": args[1], "scenario": "-", "values": values})
    if cmd == "get" and len(args) == 4:
        return get(*args)
    if cmd == "table" and len(args) in (1, 2):
        return table(args[0], args[1:] == ["--targets"])
    return __doc__


if __name__ == "__main__":
    sys.exit(main(sys.argv))
