"""A throwaway Google service account for the Vertex AI suites: an RSA key pair made with the
openssl command, its JSON key with the fake provider's /token as token_uri, and the public half
registered with the fake so its token endpoint can check the signed assertions."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

PROJECT = "test-project"
SCOPE = "https://www.googleapis.com/auth/cloud-platform"


def make_service_account(fake, work_dir: Path, email: str) -> tuple[dict, Path]:
    private = work_dir / f"{email}.key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", str(private)], check=True, capture_output=True)
    public = subprocess.run(["openssl", "pkey", "-in", str(private), "-pubout"], check=True,
                            capture_output=True, text=True).stdout
    info = {
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": "e2e-key-1",
        "private_key": private.read_text(),
        "client_email": email,
        "client_id": "100000000000000000002",
        "token_uri": fake.root_url + "/token",
    }
    key_file = work_dir / f"{email}.json"
    key_file.write_text(json.dumps(info))
    body = json.dumps({"client_email": email, "public_key": public}).encode()
    request = urllib.request.Request(fake.root_url + "/fake/google/accounts", data=body, method="POST",
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as resp:
        assert resp.status == 200
    return info, key_file


def vertex_state(fake) -> dict:
    with urllib.request.urlopen(fake.root_url + "/fake/vertex", timeout=5) as resp:
        return json.load(resp)


def revoke_tokens(fake) -> None:
    request = urllib.request.Request(fake.root_url + "/fake/vertex?revoke=1", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=5) as resp:
        assert resp.status == 200
