"""The Grafana dashboard against a real Prometheus scraping keygate.

A workload runs through several providers on the fake provider (answers, streams, embeddings,
errors, a fallback, a retry, a rate-limited and a budget-rejected request); then every PromQL
expression of deploy/grafana/keygate-dashboard.json must return data, and the cost Prometheus holds
must equal the ledger's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request

import openai
import pytest

import harness
import prometheus_server

DASHBOARD = harness.REPO_ROOT / "deploy" / "grafana" / "keygate-dashboard.json"
MASTER = "e2e-dashboard-master-01"
ALICE, BOB = "sk-e2e-dash-alice", "sk-e2e-dash-bob"
PACED, CAPPED = "sk-e2e-dash-paced", "sk-e2e-dash-capped"

CONFIG = """
server: {{host: 127.0.0.1, port: 0, threads: 2}}
log: {{level: warn}}
metrics: {{port: 0, require_master_key: true}}
ledger: {{path: {ledger}}}
router: {{retries: 0, backoff_base_ms: 1}}
models:
  - {{name: gpt, provider: openai, model: "fake-gpt@tokens=6", api_base: "{fake}/v1",
     api_key: k, price: {{input: 1000, output: 2000}}}}
  - {{name: claude, provider: anthropic, model: "claude-fake@tokens=4", api_base: "{fake}/v1",
     api_key: k, price: {{input: 3000, output: 15000}}}}
  - {{name: gemini, provider: gemini, model: "gemini-fake@tokens=5", api_base: "{fake}/v1beta",
     api_key: k, price: {{input: 500, output: 1500}}}}
  - {{name: mistral, provider: mistral, model: "mistral-fake@tokens=3",
     api_base: "{fake}/mistral/v1", api_key: k, price: {{input: 200, output: 600}}}}
  - {{name: embed, provider: openai, model: fake-embed, api_base: "{fake}/v1", api_key: k,
     price: {{input: 100, output: 0}}}}
  # Open to the budgeted keys below on purpose, so the dashboard's unpriced panel has data.
  - {{name: unpriced, provider: openai, model: fake-gpt, api_base: "{fake}/v1", api_key: k,
     allow_unpriced: true}}
  - {{name: failing, provider: openai, model: "fake-gpt@status=500", api_base: "{fake}/v1",
     api_key: k}}
  - {{name: benched, provider: openai, model: "fake-gpt@status=401", api_base: "{fake}/v1",
     api_key: k}}
  - name: broken
    fallbacks: [claude]
    deployments:
      - {{provider: openai, model: "fake-gpt@status=503", api_base: "{fake}/v1", api_key: k}}
  - name: retried
    strategy: priority
    retries: 1
    deployments:
      - {{name: flaky, priority: 0, provider: openai, model: "fake-gpt@status=500",
         api_base: "{fake}/v1", api_key: k}}
      - {{name: steady, priority: 1, provider: openai, model: "fake-gpt@tokens=2",
         api_base: "{fake}/v1", api_key: k, price: {{input: 1000, output: 2000}}}}
auth:
  master_key: {master}
  teams:
    - {{id: research, budget: {{usd: 50}}}}
  keys:
    - {{id: alice, key: {alice}, alias: Alice, team: research, budget: {{usd: 20}}}}
    - {{id: bob, key: {bob}, alias: Bob}}
    - {{id: paced, key: {paced}, rpm: 1}}
    - {{id: capped, key: {capped}, budget: {{usd: 0.00001}}}}
"""

pytestmark = pytest.mark.skipif(
    prometheus_server.binary() is None, reason="Prometheus is not installed (Debian: prometheus)"
)


def dashboard_exprs() -> list[str]:
    found: list[str] = []

    def walk(panels):
        for panel in panels:
            found.extend(t["expr"] for t in panel.get("targets", []) if t.get("expr"))
            walk(panel.get("panels", []))

    walk(json.loads(DASHBOARD.read_text())["panels"])
    return found


@pytest.fixture(scope="module")
def stack(tmp_path_factory, fake_provider):
    work = tmp_path_factory.mktemp("dashboard")
    config = work / "keygate.yaml"
    config.write_text(
        CONFIG.format(
            fake=fake_provider.root_url,
            ledger=work / "ledger.db",
            master=MASTER,
            alice=ALICE,
            bob=BOB,
            paced=PACED,
            capped=CAPPED,
        )
    )
    gateway = harness.start("keygate", [str(harness.binary("keygate")), "--config", str(config)], work)
    prometheus = None
    try:
        harness.wait_healthy(gateway)
        metrics_port = int((work / "keygate.port").read_text().split()[1])
        prometheus = prometheus_server.Prometheus(work, f"127.0.0.1:{metrics_port}", bearer=MASTER)
        yield gateway, prometheus, metrics_port
    finally:
        if prometheus:
            prometheus.stop()
        assert gateway.stop() == 0, gateway.log_tail()


def sdk(gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.root_url + "/v1", api_key=key, max_retries=0, timeout=15)


MESSAGES = [{"role": "user", "content": "say a few words"}]


def run_workload(gateway) -> None:
    for key in (ALICE, BOB):
        client = sdk(gateway, key)
        for model in ("gpt", "claude", "gemini", "mistral"):
            assert client.chat.completions.create(model=model, messages=MESSAGES).choices
            stream = client.chat.completions.create(
                model=model, messages=MESSAGES, stream=True, stream_options={"include_usage": True}
            )
            assert [chunk for chunk in stream][-1].usage is not None
        assert client.embeddings.create(model="embed", input=["one", "two"]).data
        assert client.chat.completions.create(model="unpriced", messages=MESSAGES).choices
    bob = sdk(gateway, BOB)
    # A fallback (broken -> claude), a retry (flaky -> steady), and errors that stay errors.
    assert bob.chat.completions.create(model="broken", messages=MESSAGES).choices
    assert bob.chat.completions.create(model="retried", messages=MESSAGES).choices
    with pytest.raises(openai.InternalServerError):
        bob.chat.completions.create(model="failing", messages=MESSAGES)
    with pytest.raises(openai.AuthenticationError):
        bob.chat.completions.create(model="benched", messages=MESSAGES)
    with pytest.raises(openai.NotFoundError):
        bob.chat.completions.create(model="nobody-configured-this", messages=MESSAGES)
    paced = sdk(gateway, PACED)
    paced.chat.completions.create(model="gpt", messages=MESSAGES)
    with pytest.raises(openai.RateLimitError) as limited:
        paced.chat.completions.create(model="gpt", messages=MESSAGES)
    assert limited.value.code == "rate_limit_exceeded"
    capped = sdk(gateway, CAPPED)
    with pytest.raises(openai.RateLimitError) as over:
        for _ in range(5):
            capped.chat.completions.create(model="gemini", messages=MESSAGES)
    assert over.value.code == "budget_exceeded"


def ledger_total_nanos(gateway) -> int:
    request = urllib.request.Request(
        gateway.root_url + "/admin/spend?group_by=key",
        headers={"authorization": f"Bearer {MASTER}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return sum(row["cost_nanos"] for row in json.load(response)["data"])


def scrape(metrics_port: int) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{metrics_port}/metrics", headers={"authorization": f"Bearer {MASTER}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def wait_for_scrapes(prometheus, count: int) -> None:
    start = prometheus.scrape_count()
    deadline = time.monotonic() + 30
    while prometheus.scrape_count() < start + count:
        assert time.monotonic() < deadline, "Prometheus stopped scraping keygate"
        time.sleep(0.5)


def test_every_dashboard_query_has_data_and_the_cost_matches_the_ledger(stack):
    gateway, prometheus, _ = stack
    wait_for_scrapes(prometheus, 1)
    run_workload(gateway)
    # Two samples of every series after the workload, so increase() and rate() have a pair.
    wait_for_scrapes(prometheus, 3)

    ledger_usd = ledger_total_nanos(gateway) / 1e9
    assert ledger_usd > 0
    deadline = time.monotonic() + 20
    while True:
        result = prometheus.query("sum(keygate_cost_usd_total)")
        prometheus_usd = float(result[0]["value"][1]) if result else -1.0
        if abs(prometheus_usd - ledger_usd) <= ledger_usd * 1e-9 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert prometheus_usd == pytest.approx(ledger_usd, rel=1e-9, abs=0)

    exprs = dashboard_exprs()
    assert len(exprs) >= 20
    empty = [expr for expr in exprs if not prometheus.query(expr)]
    assert not empty, "dashboard queries without data:\n" + "\n".join(empty)


def test_the_dashboard_covers_what_the_issue_asks_for():
    text = " ".join(dashboard_exprs())
    for metric in (
        "keygate_cost_usd_total",
        "keygate_tokens_total",
        "keygate_requests_total",
        "keygate_request_duration_seconds_bucket",
        "keygate_time_to_first_token_seconds_bucket",
        "keygate_gateway_overhead_seconds_bucket",
        "keygate_retries_total",
        "keygate_fallbacks_total",
        "keygate_deployment_healthy",
        "keygate_key_budget_remaining_usd",
        "keygate_team_budget_remaining_usd",
    ):
        assert metric in text, metric
    for by in ("model", "key_alias", "provider"):
        assert f"sum by ({by}) (increase(keygate_cost_usd_total" in text, by


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool is not installed")
def test_promtool_finds_nothing_to_say(stack):
    gateway, _, metrics_port = stack
    sdk(gateway, BOB).chat.completions.create(model="gpt", messages=MESSAGES)
    checked = subprocess.run(
        ["promtool", "check", "metrics"], input=scrape(metrics_port), capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout + checked.stderr == ""


def test_the_overhead_header_is_keygates_own_time(stack):
    gateway, _, _ = stack
    raw = sdk(gateway, BOB).chat.completions.with_raw_response.create(model="gpt", messages=MESSAGES)
    assert raw.headers["x-request-id"]
    overhead = float(raw.headers["x-keygate-overhead-ms"])
    assert 0 <= overhead < 1000
