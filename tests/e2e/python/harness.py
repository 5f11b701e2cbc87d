"""Process startup helpers for the end-to-end suite: fake provider and keygate."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

E2E_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = E2E_DIR.parent.parent
CONFIG_TEMPLATE = E2E_DIR / "keygate.e2e.yaml"
STARTUP_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 15.0


def build_dir() -> Path:
    return Path(os.environ.get("KEYGATE_BUILD_DIR") or REPO_ROOT / "build").resolve()


def binary(name: str) -> Path:
    path = build_dir() / name
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise RuntimeError(f"{path} is missing or not executable (set KEYGATE_BUILD_DIR)")
    return path


# 4 + 5 = 9 whitespace-separated words across all message contents.
MESSAGES = [
    {"role": "system", "content": "You are very terse."},
    {"role": "user", "content": "say a few words please"},
]
PROMPT_WORDS = 9


def expected_text(tokens: int) -> str:
    """The fake provider's deterministic answer of `tokens` tokens."""
    return " ".join(f"tok{i}" for i in range(tokens))


def last_native_request(fake: "Server") -> dict:
    """The body of the last chat request the fake provider received."""
    with urllib.request.urlopen(fake.root_url + "/fake/last-request", timeout=5) as resp:
        return json.load(resp)


def reserve_closed_port() -> socket.socket:
    """A socket bound to a loopback port but not listening: connects are refused.

    Keep the returned socket open for as long as the port must stay unused.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def render_config(fake_port: int, closed_port: int) -> str:
    text = CONFIG_TEMPLATE.read_text()
    return text.replace("@FAKE_PORT@", str(fake_port)).replace("@CLOSED_PORT@", str(closed_port))


def _log_tail(log_path: Path, limit: int = 4000) -> str:
    try:
        return log_path.read_text(errors="replace")[-limit:]
    except OSError:
        return "<no log>"


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        return _log_tail(self.log_path)

    def stop(self) -> int:
        """SIGTERM, wait for exit and return the exit code (-9 if it had to be killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return -9
        return self.proc.returncode


def _read_port(port_file: Path) -> int | None:
    """The first line of a port file (keygate's separate metrics port, if any, is the second)."""
    try:
        lines = port_file.read_text().split()
    except OSError:
        return None
    text = lines[0] if lines else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


def start(name: str, args: list[str], work_dir: Path, env: dict[str, str] | None = None) -> Server:
    """Start `name` with `args` plus --port-file; wait until the port file names a port."""
    port_file = work_dir / f"{name}.port"
    log_path = work_dir / f"{name}.log"
    port_file.unlink(missing_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [*args, "--port-file", str(port_file)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode} at startup:\n{_log_tail(log_path)}")
        port = _read_port(port_file)
        if port is not None:
            return Server(name, proc, port, log_path)
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    raise RuntimeError(f"{name} wrote no port file within {STARTUP_TIMEOUT_S}s:\n{_log_tail(log_path)}")


def wait_healthy(server: Server) -> None:
    """Poll GET /health until it answers 200."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last = "no answer"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.root_url + "/health", timeout=2) as resp:
                if resp.status == 200:
                    return
                last = f"status {resp.status}"
        except (urllib.error.URLError, OSError) as err:
            last = repr(err)
        time.sleep(0.1)
    raise RuntimeError(f"{server.name} /health not ready ({last}):\n{server.log_tail()}")


def still_serving(server: Server) -> tuple[bool, str]:
    """Whether the process is alive and answers GET /health on a new connection."""
    try:
        with urllib.request.urlopen(server.root_url + "/health", timeout=5) as resp:
            ok = resp.status == 200
    except (urllib.error.URLError, OSError) as err:
        return False, f"/health: {err!r}, exit code {server.proc.poll()}"
    code = server.proc.poll()
    return ok and code is None, f"/health ok={ok}, exit code {code}"


def start_fake_provider(work_dir: Path) -> Server:
    return start(
        "fake_provider",
        [str(binary("fake_provider")), "--host", "127.0.0.1", "--port", "0", "--threads", "1"],
        work_dir,
    )


def start_keygate(work_dir: Path, fake_port: int, closed_port: int) -> Server:
    config = work_dir / "keygate.yaml"
    config.write_text(render_config(fake_port, closed_port))
    server = start(
        "keygate",
        [str(binary("keygate")), "--config", str(config), "--port", "0"],
        work_dir,
        env={"KEYGATE_E2E_BAD_KEY": "bad-key"},
    )
    try:
        wait_healthy(server)
    except Exception:
        server.stop()
        raise
    return server
