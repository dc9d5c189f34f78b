#!/usr/bin/env python3
"""The console in a real browser: an FSM simulator serving a small tenant with hostile names, a
nightly import into a fresh home, `invhost serve` on a free port, then the browser tests
(console.test.mjs: Debian's chromium driven by playwright-core) against it.

usage: console_test.py SOURCE_DIR INVHOST FSM_SIMULATOR ARTIFACT_DIR

INVHOST_TEST_BACKENDS=postgresql runs it on PostgreSQL (INVHOST_TEST_PG, in a schema of its own).
Screenshots land in ARTIFACT_DIR. Exit 77 (skipped) only when PostgreSQL is asked for and absent.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from test_postgres import drop_schema, schema_database  # noqa: E402

AS_OF = "2025-07-01"
SIMULATOR_PORT = 18463  # fixed: the ctest entries share a RESOURCE_LOCK on it
PASSWORD = "correct horse battery staple"
ACCOUNTS = {"ada": "admin", "eddie": "editor", "vera": "viewer"}


def run(cmd: list[str], env: dict, stdin: str | None = None) -> str:
    done = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for_port(port: int, seconds: float) -> None:
    import socket
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def start_console(invhost: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """`invhost serve` on a free port; its address, as it prints it."""
    out = open(log, "w")
    serve = subprocess.Popen([str(invhost), "serve", "--listen", "127.0.0.1:0"], env=env,
                             stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read_text())
        if found:
            return serve, found.group(1)
        if serve.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"invhost serve did not start:\n{log.read_text()}")


def fetch(url: str, headers: dict | None = None, data: bytes | None = None) -> tuple[int, str]:
    """(status, body) without following redirects."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=data, headers=headers or {}),
                         timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def check_proxy_header(invhost: Path, env: dict, work: Path) -> list[str]:
    """--auth proxy-header: the header names the account only when a trusted proxy sends it."""
    problems = []
    header = "X-Remote-User"
    for trusted, should_pass in (("127.0.0.1", True), ("10.9.9.9", False)):
        serve = subprocess.Popen(
            [str(invhost), "serve", "--listen", "127.0.0.1:0", "--auth", "proxy-header", header,
             "--trusted-proxy", trusted], env=env, stdout=open(work / "proxy.log", "w"),
            stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            url = None
            while url is None and time.monotonic() < deadline and serve.poll() is None:
                found = re.search(r"listening on (http://\S+)", (work / "proxy.log").read_text())
                url = found.group(1) if found else None
                time.sleep(0.1)
            if url is None:
                return [f"proxy-header console did not start: {(work / 'proxy.log').read_text()}"]
            status, body = fetch(url + "/", {header: "ada"})
            signed_in = status == 200 and "<h1>Overview</h1>" in body
            if signed_in != should_pass:
                problems.append(f"trusted proxy {trusted}: GET / as ada gave {status}")
            status, _ = fetch(url + "/", {header: "nobody-here"})
            if status == 200:
                problems.append(f"trusted proxy {trusted}: an unknown account was let in")
            status, _ = fetch(url + "/")
            if status == 200:
                problems.append(f"trusted proxy {trusted}: no header was let in")
            if should_pass:
                # A POST needs the CSRF token of the page, even behind the proxy.
                status, _ = fetch(url + "/settings", {header: "ada", "Origin": url},
                                  b"top_bar_url=https%3A%2F%2Fevil.example")
                if status != 403:
                    problems.append(f"a POST without its token behind the proxy gave {status}")
                status, _ = fetch(url + "/settings", {header: "vera"})
                if status != 403:
                    problems.append(f"a viewer behind the proxy reached /settings: {status}")
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(timeout=30)
    return problems


def check_sign_in_origin(url: str) -> list[str]:
    """A sign-in form posted from another site is refused: it would sign this browser into an
    account the other site chose. The same form from the console's own origin signs in."""
    import urllib.parse
    form = urllib.parse.urlencode({"name": "vera", "password": PASSWORD}).encode()
    problems = []
    for origin, expected in (("https://forger.example", 403), (url.rstrip("/"), 303)):
        status, _ = fetch(url.rstrip("/") + "/signin", data=form,
                          headers={"Origin": origin,
                                   "Content-Type": "application/x-www-form-urlencoded"})
        if status != expected:
            problems.append(f"sign-in POST with Origin {origin}: {status}, expected {expected}")
    return problems


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__)
        return 64
    source = Path(sys.argv[1]).resolve()
    invhost, simulator = Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    artifacts = Path(sys.argv[4]).resolve()
    if not (source / "tests/console/node_modules/playwright-core").is_dir():
        print("FAIL: playwright-core is not installed in tests/console/node_modules: run "
              "scripts/install-deps.sh (it runs npm ci there)")
        return 1
    if not Path("/usr/bin/chromium").exists():
        print("FAIL: /usr/bin/chromium is missing: run scripts/install-deps.sh")
        return 1
    postgresql = os.environ.get("INVHOST_TEST_BACKENDS") == "postgresql"
    artifacts = artifacts / ("postgresql" if postgresql else "sqlite")
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="invhost-console-"))
    schema = None
    processes: list[subprocess.Popen] = []
    try:
        home = work / "home"
        home.mkdir(mode=0o700)
        if postgresql:
            database = schema_database("console")
            if database is None:
                print("SKIPPED: INVHOST_TEST_PG is not set, so there is no PostgreSQL to test on")
                return 77
            connection, schema = database
            (home / "invhost.toml").write_text("[host]\ndatabase = " + json.dumps(connection) + "\n")
            (home / "invhost.toml").chmod(0o600)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": str(work),
               "INVHOST_HOME": str(home), "FSM_REFRESH_TOKEN": "console-token"}
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})

        sim_log = open(work / "simulator.log", "w")
        processes.append(subprocess.Popen(
            [str(simulator), "--tenant-dir", str(source / "tests/console/tenant"), "--org", "4242",
             "--port", str(SIMULATOR_PORT), "--reference-date", AS_OF,
             "--refresh-token", "console-token"], env=env, stdout=sim_log, stderr=subprocess.STDOUT))
        wait_for_port(SIMULATOR_PORT, 20)
        base = f"http://127.0.0.1:{SIMULATOR_PORT}"
        run([str(invhost), "connectors", "add", "acme-fsm", "--adapter", "flexera-saas-manager",
             "--set", "org_id=4242", "--set", f"api_url={base}",
             "--set", f"token_url={base}/oidc/token",
             "--set", "top_bar_link_template=https://app.flexera.com/orgs/{org_id}/saas",
             "--secret", "refresh_token=env:FSM_REFRESH_TOKEN"], env)
        run([str(invhost), "nightly", "--as-of", AS_OF], env)
        run([str(invhost), "settings", "set", "internal_domains=contoso.example.com"], env)
        for name, role in ACCOUNTS.items():
            run([str(invhost), "users", "add", name, "--role", role], env, stdin=PASSWORD + "\n")
        report = run([str(invhost), "report", "--as-of", AS_OF, "--format", "json"], env)
        (work / "report.json").write_text(report)

        proxy_problems = check_proxy_header(invhost, env, work)
        if proxy_problems:
            print("FAIL: " + "\n".join(proxy_problems))
            return 1
        print("ok - proxy-header sign-in: only from the trusted proxy, only known accounts")

        serve, url = start_console(invhost, env, work / "serve.log")
        processes.append(serve)
        origin_problems = check_sign_in_origin(url)
        if origin_problems:
            print("FAIL: " + "\n".join(origin_problems))
            return 1
        print("ok - sign-in: a form from another site is refused")
        node_env = dict(env)
        node_env.update({"CONSOLE_URL": url, "CONSOLE_PASSWORD": PASSWORD,
                         "CONSOLE_ACCOUNTS": json.dumps(ACCOUNTS), "CONSOLE_AS_OF": AS_OF,
                         "CONSOLE_REPORT": str(work / "report.json"),
                         "CONSOLE_ARTIFACTS": str(artifacts), "INVHOST": str(invhost),
                         "NODE_PATH": str(source / "tests/console/node_modules")})
        if os.environ.get("CONSOLE_TEST_HOLD"):  # for a person debugging: keep it all running
            print(f"console at {url}, home {home}; press Enter to end", flush=True)
            input()
        tests = subprocess.run(["node", "--test", "--test-concurrency=1",
                                str(source / "tests/console/console.test.mjs")],
                               env=node_env, cwd=source / "tests/console", timeout=900)
        if tests.returncode != 0:
            print("---- invhost serve log ----")
            print((work / "serve.log").read_text()[-6000:])
        return tests.returncode
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        if schema:
            drop_schema(schema)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
