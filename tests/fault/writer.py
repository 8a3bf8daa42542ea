"""A fork server for the kill tests: it imports the data layer once, then forks one child
per write, so a hundred kills cost a hundred forks instead of a hundred interpreter starts.

Protocol on stdin/stdout, one line each: the test sends a JSON command; the server answers
``pid <n>``; the child prints ``writing <n>`` just before its transaction and ``done <n>``
right after the commit, then waits to be killed; the server prints ``exit <n> <status>``.
Run as ``python -m tests.fault.writer``; POSIX only (fork).
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

CLAIMS = 500


def article_with_claims(n: int = CLAIMS, tag: str = "A") -> tuple[Any, list[Any]]:
    """An article of ``n`` attributed sentences and one proposed claim per sentence."""
    from claimtrack.extract.model import ProposedClaim
    from claimtrack.services.intake import LoadedArticle

    parts: list[str] = []
    proposals = []
    offset = 0
    for i in range(n):
        head = f"Petugas gudang {i % 7} berkata "
        claim = f"stok beras nomor {tag}{i} cukup untuk {i % 30 + 1} hari"
        sentence = head + claim + ". "
        start = offset + len(head)
        proposals.append(
            ProposedClaim(
                text=claim,
                start=start,
                end=start + len(claim),
                claimant=None,
                claimant_full=None,
                via=None,
                kind="statement",
                cue="berkata",
                confidence=0.9,
                sentence_start=offset,
                sentence_end=offset + len(sentence) - 1,
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    loaded = LoadedArticle(
        text="".join(parts),
        title=f"Laporan stok {tag}",
        outlet="Warta Uji",
        url=f"https://example.org/stok/{tag}",
        language="id",
        source="kill test",
    )
    return loaded, proposals


def say(line: str) -> None:
    """One line in one write(2): the server and its child share the pipe, and a single
    write of under PIPE_BUF bytes is never interleaved with another."""
    os.write(1, (line + "\n").encode())


def run_child(cmd: dict[str, Any]) -> None:
    from claimtrack.services import Services
    from claimtrack.services.intake import IntakeService
    from claimtrack.store import open_store

    op = cmd["op"]
    if op in ("import", "bulk", "delete"):
        services = Services(open_store(cmd["db"]), "Kill Test")
    if op == "import":
        loaded, proposals = article_with_claims(CLAIMS, tag=str(cmd.get("tag", "B")))
        intake = IntakeService(services)
        say(f"writing {os.getpid()}")
        intake.import_article(loaded, proposals, detect_previous=False)
    elif op == "bulk":
        ids = services.claims.query_ids()
        say(f"writing {os.getpid()}")
        services.claims.bulk_update(ids, status="in_progress", verdict="false", assignee="Dewi")
    elif op == "delete":
        [article] = services.articles.list()
        say(f"writing {os.getpid()}")
        services.articles.delete(article.id)
    elif op == "backup":
        from claimtrack.store.backup import copy_database

        say(f"writing {os.getpid()}")
        copy_database(cmd["db"], __import__("pathlib").Path(cmd["target"]))
    elif op == "export":
        from claimtrack.export.atomic import atomic_write

        size = int(cmd["size"])
        chunk = (cmd["tag"] * 64).encode()[:4096]

        def write(stream: Any) -> None:
            done = 0
            while done < size:
                stream.write(chunk)
                done += len(chunk)

        say(f"writing {os.getpid()}")
        atomic_write(cmd["target"], write)
    elif op == "hostile":
        hostile(cmd)
        return
    else:
        raise SystemExit(f"unknown op {op}")
    say(f"done {os.getpid()}")
    time.sleep(120)  # every round ends in a real SIGKILL


def text_problems(text: str, secret: str) -> list[str]:
    """What would make imported text unsafe to keep or to show."""
    problems = []
    bad = sorted({c for c in text if (ord(c) < 32 and c not in "\n\t") or ord(c) == 0x7F})
    if bad:
        problems.append(f"control characters kept: {bad!r}")
    if secret in text:
        problems.append("an external entity was resolved")
    if "alert(" in text or "<script" in text.lower():
        problems.append("script text kept")
    if "hahahahahahahahaha" in text:
        problems.append("an entity bomb was expanded")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.append("lone surrogates kept")
    return problems


def hostile(cmd: dict[str, Any]) -> None:
    """Import one hostile file through the real intake; report the outcome as JSON."""
    from pathlib import Path

    from claimtrack.domain import ClaimTrackError
    from claimtrack.services import Services
    from claimtrack.services.intake import IntakeService, read_article
    from claimtrack.store import open_store

    store = open_store(cmd["db"])
    say(f"writing {os.getpid()}")
    try:
        loaded = read_article(Path(cmd["path"]))
        IntakeService(Services(store, "Hostile")).import_article(loaded)
    except ClaimTrackError as exc:
        result = {"outcome": "refused", "message": str(exc)}
    except Exception as exc:  # a crash is a finding, reported as such
        result = {"outcome": "crash", "message": repr(exc)[:300]}
    else:
        problems = text_problems(loaded.text, cmd["secret"])
        result = {"outcome": "imported" if not problems else "unclean", "message": problems}
    store.close()
    say(f"result {os.getpid()} {json.dumps(result)}")


def main() -> None:
    # Import everything the children need before forking, so each child starts warm.
    import claimtrack.export.atomic
    import claimtrack.services.intake
    import claimtrack.store.backup  # noqa: F401
    from claimtrack.services import Services  # noqa: F401
    from claimtrack.store import open_store  # noqa: F401

    say("ready")
    for line in sys.stdin:
        cmd = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                run_child(cmd)
            except BaseException as exc:  # reported, never silently swallowed
                say(f"error {os.getpid()} {exc!r}")
                os._exit(1)
            os._exit(0)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {status}")


if __name__ == "__main__":
    main()
