"""Drives a running Open WebUI through its HTTP API as two signed-in users, each chatting with a
keygate model, then reads keygate's /admin/spend?group_by=end_user: it must show both users, by
the user headers Open WebUI forwarded. Prints "ok"/"FAIL" lines and "open-webui: N passed, N
failed"; exits non-zero when anything failed. Standard library only."""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request

results = {"passed": 0, "failed": 0}
PASSWORD = "correct-horse-battery-staple-42"


def check(name, ok, detail=""):
    if ok:
        print(f"ok   {name}")
        results["passed"] += 1
    else:
        print(f"FAIL {name}")
        if detail:
            print("     " + str(detail)[:2000].replace("\n", "\n     "))
        results["failed"] += 1
    return ok


def call(method, url, body=None, token=None, timeout=120):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, text
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def wait_healthy(webui, deadline_s, alive):
    """Polls Open WebUI's health endpoint until it answers, the process dies, or time is up."""
    deadline = time.monotonic() + deadline_s
    delay = 0.2
    while time.monotonic() < deadline:
        if not alive():
            return False
        try:
            status, text = call("GET", f"{webui}/health", timeout=5)
            if status == 200 and json.loads(text).get("status") is True:
                return True
        except (OSError, ValueError):
            pass
        time.sleep(delay)
        delay = min(delay * 1.5, 2.0)
    return False


def sign_up(webui, name, email):
    status, text = call(
        "POST",
        f"{webui}/api/v1/auths/signup",
        {"name": name, "email": email, "password": PASSWORD},
    )
    if status != 200:
        return None, f"{status} {text}"
    return json.loads(text), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--webui", required=True)
    parser.add_argument("--keygate", required=True)
    parser.add_argument("--master-key", required=True)
    parser.add_argument("--key-id", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--pid", type=int, required=True, help="Open WebUI's process")
    parser.add_argument("--ready-timeout", type=float, default=600)
    args = parser.parse_args()

    def alive():
        try:
            with open(f"/proc/{args.pid}/stat") as stat:
                return stat.read().split()[2] != "Z"
        except OSError:
            return False

    started = time.monotonic()
    if not check("open webui starts offline and answers its health check",
                 wait_healthy(args.webui, args.ready_timeout, alive)):
        return
    print(f"     ready in {time.monotonic() - started:.1f} s")

    users = [("Alice", "alice@household.test"), ("Bob", "bob@household.test")]
    tokens = {}
    # The first to sign up is the admin (and sign-up then closes, as Open WebUI does); the admin
    # adds the second as an active user, who signs in.
    (alice, alice_email), (bob, bob_email) = users
    signed, problem = sign_up(args.webui, alice, alice_email)
    if not check(f"{alice} signs up", signed is not None and "token" in signed, problem):
        return
    check(f"{alice} is the admin", signed.get("role") == "admin", signed.get("role"))
    tokens[alice_email] = signed["token"]
    status, text = call(
        "POST",
        f"{args.webui}/api/v1/auths/add",
        {"name": bob, "email": bob_email, "password": PASSWORD, "role": "user"},
        token=tokens[alice_email],
    )
    if not check(f"the admin adds {bob} as an active user", status == 200, f"{status} {text}"):
        return
    status, text = call(
        "POST", f"{args.webui}/api/v1/auths/signin", {"email": bob_email, "password": PASSWORD}
    )
    signed = json.loads(text) if status == 200 else {}
    if not check(f"{bob} signs in", "token" in signed, f"{status} {text}"):
        return
    check(f"{bob} is an active user", signed.get("role") == "user", signed.get("role"))
    tokens[bob_email] = signed["token"]

    for name, email in users:
        status, text = call("GET", f"{args.webui}/api/models", token=tokens[email])
        ids = [m.get("id") for m in json.loads(text).get("data", [])] if status == 200 else []
        check(f"{name} sees keygate's model {args.model}", args.model in ids, f"{status} {text[:500]}")
        status, text = call(
            "POST",
            f"{args.webui}/api/chat/completions",
            {
                "model": args.model,
                "stream": False,
                "messages": [{"role": "user", "content": f"Hello from {name}, say something."}],
            },
            token=tokens[email],
        )
        answered = False
        if status == 200:
            try:
                answer = json.loads(text)
                answered = bool(answer["choices"][0]["message"]["content"])
            except (ValueError, KeyError, IndexError, TypeError):
                pass
        check(f"{name} chats with {args.model} through keygate", answered, f"{status} {text[:800]}")

    status, text = call(
        "GET",
        f"{args.keygate}/admin/spend?group_by=end_user&key={args.key_id}",
        token=args.master_key,
    )
    rows = json.loads(text).get("data", []) if status == 200 else []
    by_user = {row["group"]: row for row in rows}
    check("keygate's spend by end user names both users",
          all(email in by_user for _, email in users), f"{status} {text[:800]}")
    for name, email in users:
        row = by_user.get(email, {})
        check(f"{name}'s requests and cost are theirs",
              row.get("requests", 0) >= 1 and (row.get("cost_nanos") or 0) > 0, row)


if __name__ == "__main__":
    main()
    print(f"open-webui: {results['passed']} passed, {results['failed']} failed")
    sys.exit(0 if results["failed"] == 0 and results["passed"] > 0 else 1)
