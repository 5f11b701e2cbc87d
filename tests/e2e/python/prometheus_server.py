"""A real Prometheus (Debian's /usr/bin/prometheus) for the dashboard test: its own port, config
and storage directory, scraping one target every second."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import harness

SCRAPE_INTERVAL_S = 1


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binary() -> str | None:
    return shutil.which("prometheus") or (
        "/usr/bin/prometheus" if Path("/usr/bin/prometheus").exists() else None
    )


class Prometheus:
    def __init__(self, work: Path, target: str, bearer: str | None = None):
        self.port = free_port()
        config = {
            "global": {"scrape_interval": f"{SCRAPE_INTERVAL_S}s", "evaluation_interval": "1s"},
            "scrape_configs": [
                {
                    "job_name": "keygate",
                    "metrics_path": "/metrics",
                    "static_configs": [{"targets": [target]}],
                    **({"authorization": {"credentials": bearer}} if bearer else {}),
                }
            ],
        }
        config_path = work / "prometheus.yml"
        config_path.write_text(json.dumps(config))  # JSON is YAML
        self.log_path = work / "prometheus.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    binary(),
                    f"--config.file={config_path}",
                    f"--storage.tsdb.path={work / 'tsdb'}",
                    f"--web.listen-address=127.0.0.1:{self.port}",
                    "--log.level=warn",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + harness.STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"prometheus exited:\n{self.log_path.read_text()[-4000:]}")
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"prometheus not ready:\n{self.log_path.read_text()[-4000:]}")

    def query(self, expr: str) -> list[dict]:
        """The result vector of an instant query; raises on an error status."""
        url = self.url + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        with urllib.request.urlopen(url, timeout=10) as resp:
            body = json.load(resp)
        if body.get("status") != "success":
            raise AssertionError(f"{expr}: {body}")
        return body["data"]["result"]

    def scrape_count(self) -> int:
        """Scrapes of keygate so far that succeeded (up == 1), over the last five minutes."""
        result = self.query('sum_over_time(up{job="keygate"}[5m])')
        return int(float(result[0]["value"][1])) if result else 0

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
