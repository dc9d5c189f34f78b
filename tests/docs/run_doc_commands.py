"""Runs every command of README.md and docs/*.md exactly as written, and checks its exit status.

Usage: run_doc_commands.py SOURCE_DIR INVHOST FSM_SIMULATOR
       run_doc_commands.py --package SOURCE_DIR FSM_SIMULATOR

The first form runs every block but those marked skip or package, with the built invhost and
fsm-simulator first on PATH, each document in a fresh temporary INVHOST_HOME. The second runs
only the blocks marked package, as root with the installed Debian package (scripts/package-test.sh
calls it), and those blocks' sudo.

The documents show an FSM connection as a reader adds one: `--set region=eu` and a refresh token
in `env:FSM_REFRESH_TOKEN`. So that those very commands reach the FSM simulator, the test runs in
private network and mount namespaces (unshare) where FSM's host names resolve to loopback (a
private /etc/hosts), the simulator listens on port 443 with a certificate for them from a
throwaway CA, and the system's trust store seen there holds that CA too. FSM_REFRESH_TOKEN holds
the simulator's token: besides PATH (and a sanitizer build's options), it is all the test adds to
the environment. Each document runs in one bash session of its own, blocks in order, in a fresh
temporary working folder.
Exit codes: 0 passed, 1 failed, 77 skipped (no namespaces on this machine).
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import shutil
import signal
import socket
import struct
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
# Blocks no test runs must say why; there must stay few of them.
MAX_SKIPPED = 6
DOCUMENT_SECONDS = 60
SERVER_START_SECONDS = 10
INSIDE = "INVHOST_DOC_TEST_NAMESPACE"
TRUST_STORE = "/etc/ssl/certs/ca-certificates.crt"  # OpenSSL's default file on Debian


def documents(source: Path) -> list[Path]:
    return [source / "README.md", *sorted((source / "docs").glob("*.md"))]


def enter_namespaces(as_root: bool) -> None:
    """Re-runs this script in new network and mount namespaces: in a user namespace of its own,
    where it is root, or (as_root) as the real root, which the package's sudo needs."""
    if os.environ.get(INSIDE):
        return
    unshare = shutil.which("unshare")
    spaces = ["--net", "--mount"] if as_root else ["--user", "--map-root-user", "--net", "--mount"]
    probe = subprocess.run([unshare, *spaces, "true"], capture_output=True,
                           text=True) if unshare else None
    if probe is None or probe.returncode != 0:
        print("SKIP: cannot create network and mount namespaces here (unshare): "
              f"{probe.stderr.strip() if probe else 'no unshare'}")
        sys.exit(77)
    os.environ[INSIDE] = "1"
    os.execv(unshare, [unshare, *spaces, sys.executable, *sys.argv])


def run_quietly(*args: str, cwd: Path | None = None) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip()}")


def bind_over(target: str, text: str, work: Path) -> None:
    """TARGET reads as TEXT in this mount namespace only."""
    replacement = work / Path(target).name
    replacement.write_text(text)
    replacement.chmod(0o644)
    run_quietly("mount", "--bind", str(replacement), target)


def loopback_up() -> None:
    """A new network namespace starts with its loopback down (what `ip link set lo up` does)."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sh22x", b"lo", 0)
        flags = struct.unpack("16sh22x", fcntl.ioctl(s, siocgifflags, request))[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sh22x", b"lo", flags | iff_up))


def point_fsm_at_simulator(work: Path) -> None:
    loopback_up()
    bind_over("/etc/hosts", Path("/etc/hosts").read_text() +
              "".join(f"127.0.0.1 {name}\n" for name in FSM_HOSTS), work)
    bind_over(TRUST_STORE, Path(TRUST_STORE).read_text() + (work / "tls" / "ca.crt").read_text(),
              work)


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
    with open(work / "simulator.out", "w") as out, open(work / "simulator.err", "w") as err:
        sim = subprocess.Popen([simulator, *TENANT, "--port", "443", "--refresh-token-file",
                                str(token_file), "--tls-cert", str(tls / "server.crt"),
                                "--tls-key", str(tls / "server.key")], stdout=out, stderr=err)
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
        for command in block.commands:
            tag = f"{block.doc}:{command.line}"
            lines.append(f"printf '\\n[%s] $ %s\\n' {shlex.quote(tag)} {shlex.quote(command.text)} "
                         f">>{shlex.quote(str(log))}")
            if block.kind != "server" or command is not block.commands[-1]:
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


def section(log_text: str, tag: str) -> str:
    """What one command printed (the log holds every command's output after a '[TAG] $ ' line)."""
    start = log_text.find(f"\n[{tag}] $ ")
    if start < 0:
        return ""
    rest = log_text[log_text.index("\n", start + 1) + 1:]
    end = re.search(r"\n\[[^]\n]+:\d+\] \$ ", rest)
    return (rest[:end.start()] if end else rest).rstrip()


def run_document(doc: Path, blocks: list[doc_commands.Block], env: dict[str, str],
                 work: Path, fresh_home: bool) -> list[str]:
    """Runs the document's BLOCKS (those to run here); returns its failures."""
    place = work / doc.stem
    place.mkdir()  # the host makes its home, as it would for a reader
    log, results = place / "output.log", place / "results.txt"
    log.touch()
    script = place / "doc.sh"
    results.touch()
    script.write_text(bash_script(blocks, log, results))
    session_env = dict(env, HOME=str(place))
    if fresh_home:
        session_env["INVHOST_HOME"] = str(place / "home")
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
                            section(log_text, tag).replace("\n", "\n    "))
    return failures


def main() -> int:
    package = sys.argv[1:2] == ["--package"]
    args = sys.argv[2:] if package else sys.argv[1:]
    if len(args) != (2 if package else 3):
        print(__doc__)
        return 64
    source, simulator = Path(args[0]).resolve(), args[-1]
    if package and os.geteuid() != 0:
        print("FAIL: --package runs the documents' sudo: run it as root")
        return 1
    enter_namespaces(as_root=package)
    # Every document is read before anything starts: a malformed one fails at once.
    try:
        plan = [(doc, doc_commands.extract(doc, str(doc.relative_to(source))))
                for doc in documents(source)]
    except doc_commands.DocError as e:
        print(f"FAIL: {e}")
        return 1
    here = ("package",) if package else ("run", "server")
    # The blocks no run of this script reaches, and those the other form of it runs.
    not_run = [b for _, blocks in plan for b in blocks
               if b.kind in ("skip", "walkthrough") or (b.kind == "package" and not package)]
    for block in not_run:
        why = (block.reason if block.kind == "skip" else
               "a walk-through: tests/docs/switching_walkthrough.py runs it" if block.kind == "walkthrough"
               else "needs the Debian package installed: scripts/package-test.sh runs it")
        print(f"not run  {block.doc}:{block.line} ({why}): "
              + "; ".join(c.text for c in block.commands))

    work = Path(tempfile.mkdtemp(prefix="invhost-doc-test-"))
    work.chmod(0o755)  # the package's blocks run some commands as the invhost user
    sim = None
    failures = []
    try:
        make_ca(work / "tls")
        point_fsm_at_simulator(work)
        old_umask = os.umask(0o077)
        token_file = work / "refresh-token"
        token_file.write_text("rt-" + os.urandom(18).hex())
        os.umask(old_umask)
        sim = start_simulator(simulator, work, token_file)
        if package:
            path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        else:
            path = os.pathsep.join([str(Path(args[1]).resolve().parent),
                                    str(Path(simulator).resolve().parent), "/usr/bin", "/bin"])
        env = {"PATH": path, "LANG": "C.UTF-8", "TZ": "UTC",
               # The reader's secret reference, env:FSM_REFRESH_TOKEN, holds the token.
               "FSM_REFRESH_TOKEN": token_file.read_text()}
        # A sanitizer build's settings (the asan preset) reach the programs it built.
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
        for doc, blocks in plan:
            runs = [b for b in blocks if b.kind in here]
            if runs:
                failures += run_document(doc, runs, env, work, fresh_home=not package)
    finally:
        if sim is not None:
            sim.send_signal(signal.SIGTERM)
            sim.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    ran = sum(len(b.commands) for _, blocks in plan for b in blocks if b.kind in here)
    print(f"{ran} commands run, {len(failures)} failed; {len(not_run)} blocks not run")
    for failure in failures:
        print("\nFAIL:", failure)
    skipped = sum(1 for _, blocks in plan for b in blocks if b.kind == "skip")
    if skipped > MAX_SKIPPED:
        print(f"FAIL: {skipped} blocks are skipped, more than {MAX_SKIPPED}: make them runnable")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
