"""The extractor of doc_commands.py against a fixture whose commands are written out by hand.
Usage: extractor_selftest.py (exits 0 when every expectation holds)"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import doc_commands  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "extractor.md"

# (opening fence line, language, kind, reason, exit codes, [(line, command)])
EXPECTED = [
    (3, "sh", "run", "", (0,), [
        (4, "invhost connectors add acme --adapter file-import --set path=/tmp/a.csv "
            "--secret key=env:KEY   # a comment stays"),
        (9, "invhost runs"),
    ]),
    (19, "bash", "skip", "needs systemd as PID 1", (0,),
     [(20, "systemctl enable --now invhost-nightly.timer")]),
    (24, "shell", "run", "", (1, 2), [(25, "invhost health --as-of 2030-01-01")]),
    (28, "console", "run", "", (0,), [(29, "invhost --version"), (31, "echo a b")]),
    (36, "sh", "server", "", (0,), [(37, "echo rt-1 >token"), (38, "fsm-simulator --port 0")]),
    (42, "sh", "package", "", (0,), [(43, "sudo -u invhost invhost --home /var/lib/invhost runs")]),
    (53, "sh", "run", "", (0,), [(54, "invhost reconcile")]),
    (58, "sh", "walkthrough", "", (0,), [(59, "fsm-simulator --port 18443 &")]),
    (63, "sh", "walkthrough", "legacy", (0,), [(64, "invhost nightly --as-of 2025-07-01")]),
]


def refused(text: str, words: str) -> bool:
    """The extractor refuses a document holding TEXT with a message containing WORDS."""
    with tempfile.TemporaryDirectory() as work:
        doc = Path(work) / "bad.md"
        doc.write_text(text, encoding="utf-8")
        try:
            doc_commands.extract(doc)
        except doc_commands.DocError as e:
            return words in str(e)
    return False


def main() -> int:
    got = [(b.line, b.language, b.kind, b.reason, b.exits, [(c.line, c.text) for c in b.commands])
           for b in doc_commands.extract(FIXTURE)]
    failures = []
    if got != EXPECTED:
        failures.append("extracted:\n  " + "\n  ".join(map(repr, got)) +
                        "\nexpected:\n  " + "\n  ".join(map(repr, EXPECTED)))
    cases = [
        ("```\nls\n```\n", "bad.md:1: a code block without a language"),
        ("<!-- doc-test: sometimes -->\n```sh\nls\n```\n", "unknown doc-test marker 'sometimes'"),
        ("<!-- doc-test: skip: -->\n```sh\nls\n```\n", "unknown doc-test marker"),
        ("<!-- doc-test: exit 256 -->\n```sh\nls\n```\n", "unknown doc-test marker"),
        ("<!-- doc-test: walkthrough: Two Words -->\n```sh\nls\n```\n", "unknown doc-test marker"),
        ("<!-- doc-test: exit 2 -->\n```text\nls\n```\n", "before a text block"),
        ("```sh\nls \\\n```\n", "ends with a backslash"),
        ("```sh\nls\n", "never closed"),
    ]
    for text, words in cases:
        if not refused(text, words):
            failures.append(f"not refused with '{words}':\n{text}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"extractor: {len(cases) + 1 - len(failures)} of {len(cases) + 1} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
