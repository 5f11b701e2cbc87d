"""Virtual keys, limits, budgets and cost as the official openai SDK sees them.

A keygate of its own, with keys, so that the shared session gateway stays open.
"""

from __future__ import annotations

import json
import urllib.request

import openai
import pytest

import harness

MASTER = "e2e-master-key-0000001"

CONFIG = """
server: {{host: 127.0.0.1, port: 0, threads: 1}}
log: {{level: warn}}
router: {{retries: 0}}
models:
  - name: priced
    provider: openai
    model: fake-gpt@tokens=5
    api_base: http://127.0.0.1:{fake}/v1
    api_key: test-key
    price: {{input: 1000, output: 2000}}
auth:
  master_key: {master}
  keys:
    - {{id: paced, key: sk-e2e-paced, rpm: 2}}
    - {{id: capped, key: sk-e2e-capped, budget: {{usd: 0.05}}}}
    - {{id: free, key: sk-e2e-free}}
"""


@pytest.fixture(scope="module")
def keyed_gateway(tmp_path_factory, fake_provider):
    work = tmp_path_factory.mktemp("keyed")
    config = work / "keygate.yaml"
    config.write_text(CONFIG.format(fake=fake_provider.port, master=MASTER))
    server = harness.start("keygate", [str(harness.binary("keygate")), "--config", str(config)], work)
    harness.wait_healthy(server)
    yield server
    assert server.stop() == 0


def sdk(gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.root_url + "/v1", api_key=key, max_retries=0, timeout=15)


def ask(client: openai.OpenAI, **extra):
    return client.chat.completions.create(
        model="priced", messages=[{"role": "user", "content": "say hello"}], **extra
    )


def test_a_wrong_key_is_an_authentication_error(keyed_gateway):
    with pytest.raises(openai.AuthenticationError) as caught:
        ask(sdk(keyed_gateway, "sk-e2e-wrong"))
    assert caught.value.code == "invalid_api_key"
    assert "sk-e2e-wrong" not in str(caught.value)


def test_rate_limits_surface_as_the_sdks_rate_limit_error(keyed_gateway):
    client = sdk(keyed_gateway, "sk-e2e-paced")
    raw = client.chat.completions.with_raw_response.create(
        model="priced", messages=[{"role": "user", "content": "hi"}]
    )
    assert raw.headers["x-ratelimit-limit-requests"] == "2"
    assert raw.headers["x-ratelimit-remaining-requests"] == "1"
    ask(client)
    with pytest.raises(openai.RateLimitError) as caught:
        ask(client)
    assert caught.value.code == "rate_limit_exceeded"
    assert int(caught.value.response.headers["retry-after"]) >= 29


def test_cost_comes_as_a_header_and_in_the_usage_chunk(keyed_gateway):
    client = sdk(keyed_gateway, "sk-e2e-free")
    raw = client.chat.completions.with_raw_response.create(
        model="priced", messages=[{"role": "user", "content": "say hello"}]
    )
    completion = raw.parse()
    expected = (completion.usage.prompt_tokens * 1000 + completion.usage.completion_tokens * 2000) / 1e6
    assert float(raw.headers["x-keygate-cost-usd"]) == pytest.approx(expected)

    chunks = list(ask(client, stream=True, stream_options={"include_usage": True}))
    usage = chunks[-1].usage
    assert usage is not None and usage.total_tokens == completion.usage.total_tokens
    assert usage.model_extra["cost_usd"] == pytest.approx(expected)


def test_an_exhausted_budget_is_insufficient_quota(keyed_gateway):
    client = sdk(keyed_gateway, "sk-e2e-capped")
    answered = 0
    with pytest.raises(openai.RateLimitError) as caught:
        for _ in range(100):
            ask(client)
            answered += 1
    assert caught.value.code == "budget_exceeded"
    assert caught.value.type == "insufficient_quota"
    # Each answer costs $0.012 (2 prompt and 5 completion tokens): four spend $0.048, the fifth
    # is the one request that may pass the limit ($0.06), the sixth is refused.
    assert answered == 5


def admin(gateway, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        gateway.root_url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"authorization": f"Bearer {MASTER}", "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_a_key_made_through_the_admin_api_works_until_revoked(keyed_gateway):
    made = admin(keyed_gateway, "POST", "/admin/keys", {"alias": "sdk", "models": ["priced"]})
    client = sdk(keyed_gateway, made["key"])
    assert ask(client).choices[0].message.content
    listed = admin(keyed_gateway, "GET", "/admin/keys")
    assert made["key"] not in json.dumps(listed)
    admin(keyed_gateway, "DELETE", "/admin/keys/" + made["id"])
    with pytest.raises(openai.AuthenticationError) as caught:
        ask(client)
    assert caught.value.code == "key_revoked"
    spend = admin(keyed_gateway, "GET", "/admin/spend?group_by=key&key=" + made["id"])
    assert spend["data"][0]["requests"] >= 1
