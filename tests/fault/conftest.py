"""Shared machinery of the fault tests: the fork server and the figures they add up."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.write_sep("-", "fault suite figures")
    for key in sorted(FIGURES):
        terminalreporter.write_line(f"{key}: {FIGURES[key]}")


class Writer:
    """A fork server (tests/fault/writer.py): one warm interpreter, one child per round."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fault.writer"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self.readline() == "ready"

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("")  # end of output

    def readline(self, timeout: float | None = 120.0) -> str:
        """The next line; raises queue.Empty after ``timeout`` seconds without one."""
        line = self.lines.get(timeout=timeout)
        if not line:
            raise AssertionError(f"the fork server died (exit {self.proc.poll()})")
        return line

    def start(self, **cmd: Any) -> int:
        """Fork a child running ``cmd``; return its pid once it is about to write.

        The server's ``pid`` line and the child's ``writing`` line race; either may come first.
        """
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        pid = writing = None
        while pid is None or writing is None:
            kind, _, rest = self.readline().partition(" ")
            if kind == "pid":
                pid = int(rest)
            elif kind == "writing":
                writing = int(rest)
            else:
                raise AssertionError(f"child failed before writing: {kind} {rest}")
        assert pid == writing
        return pid

    def finish(self, pid: int, *, killed: bool = True) -> bool:
        """Read until the child's exit; True if it reported its commit before dying."""
        done = False
        while True:
            line = self.readline()
            if line == f"done {pid}":
                done = True
            elif line.startswith(f"exit {pid} "):
                status = int(line.split()[2])
                if killed:
                    assert os.WIFSIGNALED(status), f"child ended without being killed: {line}"
                return done
            elif line.startswith(f"error {pid}"):
                raise AssertionError(line)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout:
            self.proc.stdout.close()


@pytest.fixture(scope="module")
def writer() -> Iterator[Writer]:
    if not hasattr(os, "fork"):
        pytest.skip("the kill tests fork a warm interpreter (POSIX only)")
    server = Writer()
    yield server
    server.close()
