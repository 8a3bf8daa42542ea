"""Build the interface's run-time resources into ``claimtrack/i18n/`` (not committed).

* every ``resources/translations/*.ts`` → a ``.qm`` of the same name with pyside6-lrelease:
  ``claimtrack_<lang>`` (the app's own strings, refreshed by ``--update``) and
  ``qtbase_<lang>`` (Qt's own dialog and menu strings, for languages Qt ships no
  translation of; written by hand, its contexts and sources exactly Qt's);
* the user guide (``resources/guide``: Markdown and screenshots) and the application icon,
  copied beside them, so that an installed package and a PyInstaller bundle find them as
  package data of ``claimtrack`` (the ``resources/`` folder is not part of the package).

    python scripts/build_translations.py            # quiet unless something fails
    python scripts/build_translations.py --update   # first refresh the .ts from the sources

``--update`` runs pyside6-lupdate over ``claimtrack/ui`` and ``claimtrack/app.py``; new
strings then show as unfinished until translated (a test fails on any unfinished entry).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
OUT = ROOT / "claimtrack" / "i18n"
LANGUAGES = ("id",)


def _tool(name: str) -> list[str]:
    """The command running a PySide6 tool: its script beside this interpreter (the venv's),
    else one on PATH, else PySide6's own wrapper run by this interpreter (a build backend's
    environment may install PySide6 without putting its scripts anywhere we look)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found:
        return [found]
    try:
        import PySide6.scripts.pyside_tool  # noqa: F401  # only to learn it is there
    except ImportError:
        raise SystemExit(
            f"build_translations: {name} not found (pip install PySide6-Essentials)"
        ) from None
    function = name.removeprefix("pyside6-")
    call = f"import sys; from PySide6.scripts import pyside_tool; pyside_tool.{function}()"
    return [sys.executable, "-c", call]


def sources() -> list[Path]:
    """The files whose tr() strings are translated: the UI package and the app's root."""
    files = sorted((ROOT / "claimtrack" / "ui").rglob("*.py"))
    return [*files, ROOT / "claimtrack" / "app.py"]


# Calls lupdate files under no context or the wrong one, with the context Qt looks them up
# under at run time (PySide's tr() uses the class of the object it is called on).
ALIASES = {"window": "MainWindow", "QObject()": "QObject"}


def _context_of(expr: ast.expr, cls: str | None) -> str | None:
    """The run-time context of ``<expr>.tr``, or None when it cannot be known."""
    if isinstance(expr, ast.Name) and expr.id == "self":
        return cls
    return ALIASES.get(ast.unparse(expr))


def _translate_context(call: ast.expr) -> str | None:
    """ "Ctx" for ``QCoreApplication.translate("Ctx", <name>, ...)``."""
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "translate"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return call.args[0].value
    return None


def extra_messages(path: Path) -> list[tuple[str, str, bool]]:
    """(context, source, plural) for the calls pyside6-lupdate misses or misfiles.

    * helpers like ``def _tr(text): return QCoreApplication.translate("Sidebar", text)``
      called with a literal;
    * ``tr = window.tr`` / ``tr = QObject().tr`` aliases and ``window.tr("…")``;
    * ``self.tr(COLUMNS[i])``: the capitalised strings of that module constant.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helpers: dict[str, str] = {}
    constants: dict[str, list[str]] = {}
    found: list[tuple[str, str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for stmt in node.body:
                if isinstance(stmt, ast.Return) and stmt.value is not None:
                    context = _translate_context(stmt.value)
                    if context and not isinstance(stmt.value.args[1], ast.Constant):  # type: ignore[attr-defined]
                        helpers[node.name] = context
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Tuple):
            words = [
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant)
                and isinstance(c.value, str)
                and c.value[:1].isupper()
            ]
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = words

    def visit(node: ast.AST, cls: str | None, aliases: dict[str, str]) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
            constants.update(
                {
                    t.id: [
                        c.value
                        for c in ast.walk(n.value)
                        if isinstance(c, ast.Constant)
                        and isinstance(c.value, str)
                        and c.value[:1].isupper()
                    ]
                    for n in node.body
                    if isinstance(n, ast.Assign) and isinstance(n.value, ast.Tuple)
                    for t in n.targets
                    if isinstance(t, ast.Name)
                }
            )
        if isinstance(node, ast.FunctionDef):
            aliases = dict(aliases)
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "tr"
        ):
            context = _context_of(node.value.value, cls)
            for target in node.targets:
                if isinstance(target, ast.Name) and context:
                    aliases[target.id] = context
        if isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            context = None
            if isinstance(node.func, ast.Name):
                context = helpers.get(node.func.id) or aliases.get(node.func.id)
            elif isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
                context = _context_of(node.func.value, cls)
            if context and isinstance(first, ast.Constant) and isinstance(first.value, str):
                plural = len(node.args) > 1 or any(k.arg == "n" for k in node.keywords)
                found.append((context, first.value, plural and "%n" in first.value))
            elif context and isinstance(first, ast.Subscript):
                while isinstance(first, ast.Subscript):  # COLUMNS[i][1] → COLUMNS
                    first = first.value
                name = ast.unparse(first).split(".")[-1]
                found.extend((context, word, False) for word in constants.get(name, []))
        for child in ast.iter_child_nodes(node):
            visit(child, cls, aliases)

    visit(tree, None, {})
    return found


def update() -> None:
    """Refresh each .ts from the sources, keeping every translation already made."""
    for lang in LANGUAGES:
        ts = TS_DIR / f"claimtrack_{lang}.ts"
        old: dict[tuple[str, str], ET.Element] = {}
        if ts.exists():
            for context in ET.parse(ts).getroot().iter("context"):
                name = context.findtext("name") or ""
                for message in context.iter("message"):
                    old[(name, message.findtext("source") or "")] = message
        fresh = ROOT / "build" / f"lupdate_{lang}.ts"
        fresh.parent.mkdir(exist_ok=True)
        fresh.unlink(missing_ok=True)
        command = [*_tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none"]
        subprocess.run([*command, "-ts", str(fresh)], check=True, cwd=ROOT, capture_output=True)
        messages: dict[tuple[str, str], bool] = {}
        for context in ET.parse(fresh).getroot().iter("context"):
            name = context.findtext("name") or ""
            if name in ("", *ALIASES):  # misfiled: found again below under the right context
                continue
            for message in context.iter("message"):
                key = (name, message.findtext("source") or "")
                messages[key] = message.get("numerus") == "yes"
        for path in sources():
            for context_name, source, plural in extra_messages(path):
                messages[(context_name, source)] = messages.get((context_name, source), plural)
        root = ET.Element("TS", version="2.1", language=f"{lang}_ID" if lang == "id" else lang)
        root.set("sourcelanguage", "en")
        for name in sorted({c for c, _ in messages}):
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
            for (c, source), plural in sorted(messages.items()):
                if c != name:
                    continue
                kept = old.get((c, source))
                if kept is not None and kept.find("translation") is not None:
                    kept.tail = None
                    context.append(kept)
                    continue
                message = ET.SubElement(context, "message")
                if plural:
                    message.set("numerus", "yes")
                ET.SubElement(message, "source").text = source
                translation = ET.SubElement(message, "translation", type="unfinished")
                if plural:
                    ET.SubElement(translation, "numerusform")
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


def build(out: Path = OUT) -> list[Path]:
    """Compile the .ts files and copy the guide and icon; returns the .qm files written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "__init__.py").write_text('"""Built resources: translations, guide, icon."""\n')
    written = []
    for ts in sorted([*TS_DIR.glob("claimtrack_*.ts"), *TS_DIR.glob("qtbase_*.ts")]):
        qm = out / (ts.stem + ".qm")
        result = subprocess.run(
            [*_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True
        )
        if result.returncode != 0 or not qm.exists():
            raise SystemExit(f"build_translations: lrelease failed on {ts}:\n{result.stderr}")
        written.append(qm)
    guide = out / "guide"
    shutil.rmtree(guide, ignore_errors=True)
    shutil.copytree(ROOT / "resources" / "guide", guide)
    shutil.copy2(ROOT / "resources" / "icons" / "id.claimtrack.ClaimTrack.svg", out)
    return written


def main(argv: list[str]) -> int:
    if "--update" in argv:
        update()
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
