"""Session fixtures: one fake provider and one keygate shared by all tests."""

from __future__ import annotations

import openai
import pytest

import harness
from providers import PROVIDERS

# Bounds every SDK call so that a hung gateway fails a test instead of the run.
CLIENT_TIMEOUT_S = 15.0


@pytest.fixture(scope="session")
def closed_port():
    sock = harness.reserve_closed_port()
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture(scope="session")
def fake_provider(tmp_path_factory):
    server = harness.start_fake_provider(tmp_path_factory.mktemp("fake"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def gateway(tmp_path_factory, fake_provider, closed_port):
    server = harness.start_keygate(tmp_path_factory.mktemp("keygate"), fake_provider.port, closed_port)
    yield server
    code = server.stop()
    assert code == 0, f"keygate exited with {code} after SIGTERM:\n{server.log_tail()}"


@pytest.fixture(autouse=True)
def gateway_survives(gateway):
    """Flag the test during which keygate died (later tests then fail on their own)."""
    was_running = gateway.proc.poll() is None
    yield
    if not was_running:
        return
    alive, why = harness.still_serving(gateway)
    assert alive, f"keygate stopped serving during this test ({why}):\n{gateway.log_tail()}"


@pytest.fixture(scope="session")
def base_url(gateway) -> str:
    return gateway.root_url + "/v1"


@pytest.fixture(scope="session")
def client(base_url) -> openai.OpenAI:
    c = openai.OpenAI(base_url=base_url, api_key="anything", max_retries=0, timeout=CLIENT_TIMEOUT_S)
    yield c
    c.close()


@pytest.fixture(params=PROVIDERS, ids=str)
def provider(request):
    """Each provider the shared suite runs for (providers.py); tests that need a deployment only
    some providers have parametrize it indirectly with providers.having(...)."""
    return request.param
