"""Runs every command of README.md and docs/*.md exactly as written, and checks its exit status.

Usage: run_doc_commands.py SOURCE_DIR INVHOST FSM_SIMULATOR

The documents show an FSM connection as a reader adds one: `--set region=eu` and a refresh token
in `env:FSM_REFRESH_TOKEN`. So that those very commands reach the FSM simulator, the test runs in
private network and mount namespaces (unshare) where FSM's host names resolve to loopback
(/etc/hosts) and the simulator listens on port 443 with a certificate for them from a throwaway
CA, which OpenSSL trusts through SSL_CERT_FILE. Each document then runs in one bash session of
its own, blocks in order, in a fresh temporary INVHOST_HOME and working folder, with the built
invhost and fsm-simulator first on PATH; the environment below is all the test adds.
Exit codes: 0 passed, 1 failed, 77 skipped (no namespaces on this machine).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import doc_commands  # noqa: E402

# The FSM host names a reader's region setting may name (docs/fsm-connector.md, "region").
FSM_HOSTS = ("api.flexera.com", "login.flexera.com", "api.flexera.eu", "login.flexera.eu",
             "api.flexera.au", "login.flexera.au")
ORG_ID = "4242"  # the org the documents' examples name
TENANT = ["--org", ORG_ID, "--seed", "3", "--apps", "8", "--licenses-per-app", "2",
          "--people", "120", "--users-per-app", "15"]
# Blocks that cannot run here must say why; there must stay few of them.
MAX_NOT_RUN = 7
DOCUMENT_SECONDS = 60
SERVER_START_SECONDS = 10
INSIDE = "INVHOST_DOC_TEST_NAMESPACE"


def documents(source: Path) -> list[Path]:
    return [source / "README.md", *sorted((source / "docs").glob("*.md"))]


def enter_namespaces() -> None:
    """Re-runs this script in new user, network and mount namespaces, where it is root."""
    if os.environ.get(INSIDE):
        return
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "--user", "--map-root-user", "--net", "--mount",
                            "true"], capture_output=True, text=True) if unshare else None
    if probe is None or probe.returncode != 0:
        print("SKIP: cannot create network and mount namespaces here (unshare): "
              f"{probe.stderr.strip() if probe else 'no unshare'}")
        sys.exit(77)
    os.environ[INSIDE] = "1"
    os.execv(unshare, [unshare, "--user", "--map-root-user", "--net", "--mount",
                       sys.executable, *sys.argv])


def run_quietly(*args: str, cwd: Path | None = None) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip()}")


def point_fsm_hosts_at_loopback(work: Path) -> None:
    run_quietly("ip", "link", "set", "lo", "up")
    hosts = work / "hosts"
    hosts.write_text("127.0.0.1 localhost\n::1 localhost\n" +
                     "".join(f"127.0.0.1 {name}\n" for name in FSM_HOSTS))
    run_quietly("mount", "--bind", str(hosts), "/etc/hosts")


def make_ca(tls: Path) -> None:
    """A throwaway CA and a server certificate for FSM's host names."""
    tls.mkdir(mode=0o700)
    names = ",".join(f"DNS:{name}" for name in FSM_HOSTS)
    (tls / "server.ext").write_text(f"subjectAltName={names}\nbasicConstraints=CA:FALSE\n"
                                    "keyUsage=digitalSignature,keyEncipherment\n"
                                    "extendedKeyUsage=serverAuth\n")
    run_quietly("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=invhost doc test CA", "-keyout", "ca.key", "-out", "ca.crt", cwd=tls)
    run_quietly("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={FSM_HOSTS[0]}",
                "-keyout", "server.key", "-out", "server.csr", cwd=tls)
    run_quietly("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt",
                cwd=tls)


def start_simulator(simulator: str, work: Path, token_file: Path) -> subprocess.Popen:
    tls = work / "tls"
    out = open(work / "simulator.out", "w")
    sim = subprocess.Popen([simulator, *TENANT, "--port", "443", "--refresh-token-file",
                            str(token_file), "--tls-cert", str(tls / "server.crt"),
                            "--tls-key", str(tls / "server.key")],
                           stdout=out, stderr=open(work / "simulator.err", "w"))
    for _ in range(100):
        if "listening on" in (work / "simulator.out").read_text():
            return sim
        if sim.poll() is not None:
            break
        time.sleep(0.1)
    sim.kill()
    raise RuntimeError("the simulator did not start: " + (work / "simulator.err").read_text())


def bash_script(blocks: list[doc_commands.Block], log: Path, results: Path) -> str:
    """One bash session for a document: each command as written, its status to fd 3."""
    lines = [f"exec </dev/null 3>>{shlex.quote(str(results))}"]
    for block in blocks:
        if block.kind not in ("run", "server"):
            continue
        for command in block.commands:
            tag = f"{block.doc}:{command.line}"
            lines.append(f"printf '\\n$ %s\\n' {shlex.quote(command.text)} >>{shlex.quote(str(log))}")
            if block.kind == "run" or command is not block.commands[-1]:
                lines += ["{ " + command.text, f"}} >>{shlex.quote(str(log))} 2>&1",
                          f"echo {shlex.quote(tag)} $? >&3"]
            else:
                # Started in the background as it is written, the subshell replaced by the
                # command itself (so $! is the server): its first line of output, then SIGTERM.
                out = shlex.quote(str(log) + ".server")
                lines += [f": >{out}", "( " + command.text,
                          f") >{out} 2>>{shlex.quote(str(log))} &", "server=$!",
                          f"for _ in $(seq 1 {SERVER_START_SECONDS * 10}); do "
                          f"[ -s {out} ] && break; sleep 0.1; done",
                          f"cat {out} >>{shlex.quote(str(log))}",
                          f"if [ -s {out} ]; then kill -TERM $server; wait $server; "
                          f"echo {shlex.quote(tag)} $? >&3; else kill -KILL $server; "
                          f"echo {shlex.quote(tag)} no-output >&3; fi"]
    return "\n".join(lines) + "\n"


def section(log_text: str, command: str) -> str:
    """What one command printed (the log holds every command's output after a '$ ' line)."""
    marker = f"\n$ {command}\n"
    start = log_text.find(marker)
    if start < 0:
        return ""
    rest = log_text[start + len(marker):]
    end = rest.find("\n$ ")
    return (rest if end < 0 else rest[:end]).rstrip()


def run_document(doc: Path, blocks: list[doc_commands.Block], env: dict[str, str],
                 work: Path) -> list[str]:
    """Runs the document's blocks; returns its failures."""
    place = work / doc.stem
    place.mkdir()  # the host makes its home, as it would for a reader
    log, results = place / "output.log", place / "results.txt"
    log.touch()
    script = place / "doc.sh"
    results.touch()
    script.write_text(bash_script(blocks, log, results))
    session_env = dict(env, INVHOST_HOME=str(place / "home"), HOME=str(place))
    session = subprocess.Popen(["bash", str(script)], cwd=place, env=session_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        session.wait(timeout=DOCUMENT_SECONDS)
    except subprocess.TimeoutExpired:
        pass  # the commands with no status below are reported as not finished
    # Whatever the session left running (it should be nothing) goes with it.
    try:
        os.killpg(session.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    session.wait()
    statuses = {}
    for line in results.read_text().splitlines():
        tag, status = line.rsplit(" ", 1)
        statuses[tag] = status
    log_text = log.read_text(errors="replace")
    failures = []
    for block in blocks:
        for command in block.commands:
            tag = f"{block.doc}:{command.line}"
            if block.kind in ("skip", "package"):
                continue
            status = statuses.get(tag)
            expected = ", ".join(map(str, block.exits))
            if status is not None and status.isdigit() and int(status) in block.exits:
                print(f"ok       {tag}: {command.text}  (exit {status})")
                continue
            what = ("did not finish within the document's time" if status is None else
                    "printed nothing" if status == "no-output" else
                    f"exit {status}, expected {expected}")
            print(f"FAILED   {tag}: {command.text}  ({what})")
            failures.append(f"{tag}: {command.text}\n  {what}; it printed:\n    " +
                            section(log_text, command.text).replace("\n", "\n    "))
    return failures


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__)
        return 64
    source, invhost, simulator = Path(sys.argv[1]).resolve(), sys.argv[2], sys.argv[3]
    enter_namespaces()
    # Every document is read before anything starts: a malformed one fails at once.
    try:
        plan = [(doc, doc_commands.extract(doc, str(doc.relative_to(source))))
                for doc in documents(source)]
    except doc_commands.DocError as e:
        print(f"FAIL: {e}")
        return 1
    not_run = [b for _, blocks in plan for b in blocks if b.kind in ("skip", "package")]
    for block in not_run:
        why = (block.reason if block.kind == "skip" else
               "needs the Debian package installed, as root (scripts/package-test.sh)")
        print(f"not run  {block.doc}:{block.line} ({why}): "
              + "; ".join(c.text for c in block.commands))

    work = Path(tempfile.mkdtemp(prefix="invhost-doc-test-"))
    sim = None
    try:
        point_fsm_hosts_at_loopback(work)
        make_ca(work / "tls")
        old_umask = os.umask(0o077)
        token_file = work / "refresh-token"
        token_file.write_text("rt-" + os.urandom(18).hex())
        os.umask(old_umask)
        sim = start_simulator(simulator, work, token_file)
        path = os.pathsep.join([str(Path(invhost).resolve().parent),
                                str(Path(simulator).resolve().parent), "/usr/bin", "/bin"])
        env = {"PATH": path, "LANG": "C.UTF-8", "TZ": "UTC",
               # The reader's secret reference, env:FSM_REFRESH_TOKEN, holds the token.
               "FSM_REFRESH_TOKEN": token_file.read_text(),
               # The reader's trust store, here the throwaway CA of the simulator's certificate.
               "SSL_CERT_FILE": str(work / "tls" / "ca.crt")}
        failures = []
        for doc, blocks in plan:
            if any(b.kind in ("run", "server") for b in blocks):
                failures += run_document(doc, blocks, env, work)
    finally:
        if sim is not None:
            sim.send_signal(signal.SIGTERM)
            sim.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    ran = sum(len(b.commands) for _, blocks in plan for b in blocks if b.kind in ("run", "server"))
    print(f"{ran} commands run, {len(failures)} failed; {len(not_run)} blocks not run")
    for failure in failures:
        print("\nFAIL:", failure)
    if len(not_run) > MAX_NOT_RUN:
        print(f"FAIL: {len(not_run)} blocks are not run, more than {MAX_NOT_RUN}: "
              "make them runnable here")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
