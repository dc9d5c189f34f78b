"""The command lines of a Markdown document, as a reader would type them.

Every fenced block must name its language. Blocks tagged sh, bash, shell or console hold commands:
one per line, a line ending in a backslash continued on the next, blank and comment-only lines
ignored; in a console block only the lines after a "$ " prompt are commands (the rest is output).
Other languages (text, toml, json, cpp, cmake, ...) are never run.

An HTML comment on the line right before a command block says how a test treats it:
  <!-- doc-test: exit 2 -->          each command exits with one of these codes (e.g. "exit 0,1")
  <!-- doc-test: server -->          the block's last command is a server: it must print a line,
                                     and exit 0 on SIGTERM
  <!-- doc-test: skip: REASON -->    not run here, and why
  <!-- doc-test: package -->         run only with the Debian package installed
                                     (scripts/package-test.sh)
  <!-- doc-test: walkthrough -->     part of a walk-through that a test of its own runs from
  <!-- doc-test: walkthrough: NAME --> the source tree, in order, checking the state after each
                                     block naming a checkpoint (switching_walkthrough.py)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

COMMAND_LANGUAGES = frozenset({"sh", "bash", "shell", "console"})

_FENCE = re.compile(r"^(```+|~~~+)\s*([A-Za-z0-9_+-]*)\s*$")
_MARKER = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
_EXIT = re.compile(r"^exit\s+(\d{1,3}(?:\s*,\s*\d{1,3})*)$")


class DocError(Exception):
    """A document the test cannot read unambiguously: it names the file and line."""


@dataclass
class Command:
    line: int  # where the command starts in the document, 1-based
    text: str  # continuations joined with one space


@dataclass
class Block:
    doc: str
    line: int  # the opening fence, 1-based
    language: str
    kind: str = "run"
    reason: str = ""
    exits: tuple[int, ...] = (0,)
    commands: list[Command] = field(default_factory=list)


def _parse_marker(text: str, where: str) -> tuple[str, str, tuple[int, ...]]:
    if text == "server":
        return "server", "", (0,)
    if text == "package":
        return "package", "", (0,)
    if text == "walkthrough":
        return "walkthrough", "", (0,)
    if text.startswith("walkthrough:") and re.fullmatch(r"[a-z0-9_-]+",
                                                        text[len("walkthrough:"):].strip()):
        return "walkthrough", text[len("walkthrough:"):].strip(), (0,)
    if text.startswith("skip:") and text[len("skip:"):].strip():
        return "skip", text[len("skip:"):].strip(), (0,)
    exits = _EXIT.match(text)
    if exits and all(int(code) <= 255 for code in exits.group(1).split(",")):
        return "run", "", tuple(int(code) for code in exits.group(1).split(","))
    raise DocError(f"{where}: unknown doc-test marker '{text}' "
                   "(exit N[,M...], server, skip: REASON, package, walkthrough[: CHECKPOINT])")


def _commands(lines: list[tuple[int, str]], language: str, where: str) -> list[Command]:
    commands: list[Command] = []
    pending: list[str] = []
    start = 0
    for number, raw in lines:
        text = raw
        if language == "console" and not pending:
            if not text.startswith("$ "):
                continue  # output shown after a command
            text = text[2:]
        if not pending:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            start = number
        text = text.rstrip()
        if text.endswith("\\"):
            pending.append(text[:-1])
            continue
        pending.append(text)
        commands.append(Command(start, " ".join(part.strip() for part in pending)))
        pending = []
    if pending:
        raise DocError(f"{where}: the last command ends with a backslash")
    return commands


def extract(path: Path, name: str | None = None) -> list[Block]:
    """Every command block of the document, in order, with its marker applied."""
    doc = name or path.name
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    marker: tuple[int, str] | None = None
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            found = _MARKER.match(lines[i])
            if found:
                marker = (i + 1, found.group(1))
            elif lines[i].strip():
                marker = None  # a marker belongs to the block right after it
            i += 1
            continue
        opening, language, start = fence.group(1), fence.group(2).lower(), i + 1
        where = f"{doc}:{start}"
        body: list[tuple[int, str]] = []
        i += 1
        closing = re.compile(r"^\s*" + re.escape(opening[0]) + "{%d,}\\s*$" % len(opening))
        while i < len(lines) and not closing.match(lines[i]):
            body.append((i + 1, lines[i]))
            i += 1
        if i == len(lines):
            raise DocError(f"{where}: the code block is never closed")
        i += 1
        if not language:
            raise DocError(f"{where}: a code block without a language; tag it (sh for commands, "
                           "text for output, toml, json, ...)")
        if language not in COMMAND_LANGUAGES:
            if marker is not None:
                raise DocError(f"{doc}:{marker[0]}: a doc-test marker before a {language} block, "
                               "which is never run")
            continue
        block = Block(doc, start, language)
        if marker is not None:
            block.kind, block.reason, block.exits = _parse_marker(marker[1], f"{doc}:{marker[0]}")
            marker = None
        block.commands = _commands(body, language, where)
        if not block.commands:
            raise DocError(f"{where}: a {language} block with no command")
        blocks.append(block)
    return blocks
