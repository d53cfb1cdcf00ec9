"""``pleegzorg check``: what an author runs before committing a worksheet.

Checks the catalog, each notebook's metadata and hygiene (no outputs, no ``def``, thin code),
then executes every worksheet headless against a throw-away store and asks the library which
questions it built: ids unique, the page bound to a participant.
"""

from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import config
from .content import (
    ContentError,
    load_catalog,
    load_worksheet,
    notebook_paths,
    read_worksheet_info,
)
from .model import WorksheetInfo

MAX_CODE_LINES = 40
REPORT_MARKER = "PLEEGZORG-REPORT:"


@dataclass
class CheckResult:
    """What ``check`` found: problems (each one line) and the question ids per worksheet."""

    problems: list[str] = field(default_factory=list)
    questions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def hygiene_problems(path: Path, nb: nbformat.NotebookNode) -> list[str]:
    """Notebooks stay thin: prose in Markdown, a few library calls, no outputs committed."""
    problems = []
    code_lines = 0
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        source = cell.source
        code_lines += len([ln for ln in source.splitlines() if ln.strip()])
        if cell.get("outputs"):
            problems.append(
                f"{path}: cel {index} heeft opgeslagen uitvoer; sla het notebook leeg op"
            )
        if cell.get("execution_count") is not None:
            problems.append(
                f"{path}: cel {index} heeft een execution_count; sla het notebook leeg op"
            )
        if any(line.lstrip().startswith(("def ", "class ")) for line in source.splitlines()):
            problems.append(
                f"{path}: cel {index} definieert een functie of klasse; dat hoort in pleegzorg_lib"
            )
    if code_lines > MAX_CODE_LINES:
        problems.append(
            f"{path}: {code_lines} regels code (max {MAX_CODE_LINES}); houd werkbladen dun"
        )
    return problems


def execute_worksheet(path: Path, database_url: str, timeout: int = 180) -> list[dict]:
    """Run a worksheet headless; return the library's report of the worksheets it built."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            f"import pleegzorg_lib.authoring as _pz\nprint({REPORT_MARKER!r} + _pz.report())"
        )
    )
    # The kernel gets its settings through its own environment (not os.environ), so several
    # worksheets can run side by side in threads.
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=database_url)
    env.setdefault("PLEEGZORG_WORKBOOKS", str(config.workbooks_dir()))
    env.setdefault("PLEEGZORG_DATA", str(config.data_dir()))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=env)
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if REPORT_MARKER in text:
            return json.loads(text.split(REPORT_MARKER, 1)[1])
    raise RuntimeError(f"{path}: the worksheet did not report its questions")


def check_workers() -> int:
    """Worksheets executed side by side: ``PLEEGZORG_CHECK_WORKERS`` or the number of cores."""
    raw = os.environ.get("PLEEGZORG_CHECK_WORKERS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, os.cpu_count() or 1))


def check(root: Path | None = None, *, execute: bool = True) -> CheckResult:
    """Check every worksheet below ``root`` (default: the workbooks folder), or the one
    notebook ``root`` names."""
    root = root or config.workbooks_dir()
    paths: list[Path] | None = None
    if root.is_file():  # one notebook: check it against the workbooks folder it lives in
        paths = [root]
        books = config.workbooks_dir().resolve()
        root = books if root.resolve().is_relative_to(books) else root.parent.parent
    result = CheckResult()
    try:
        catalog = load_catalog(config.data_dir())
    except ContentError as exc:
        result.problems.append(str(exc))
        return result
    seen: dict[str, Path] = {}
    to_run: list[tuple[Path, WorksheetInfo]] = []
    for path in paths if paths is not None else notebook_paths(root):
        try:
            info = read_worksheet_info(path, root, catalog)
        except ContentError as exc:
            result.problems.append(str(exc))
            continue
        if info.id in seen:
            result.problems.append(f"{path}: id '{info.id}' komt ook voor in {seen[info.id]}")
        seen[info.id] = path
        nb = nbformat.read(path, as_version=4)
        result.problems.extend(hygiene_problems(path, nb))
        to_run.append((path, info))
    if not execute:
        return result
    with tempfile.TemporaryDirectory(prefix="pleegzorg-check-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'check.db'}"

        def run(path: Path) -> list[dict] | Exception:
            try:
                return execute_worksheet(path, url)
            except Exception as exc:  # reported below, in the notebooks' order
                return exc

        with ThreadPoolExecutor(max_workers=check_workers()) as pool:
            reports = list(pool.map(run, [path for path, _ in to_run]))
    for (path, info), report in zip(to_run, reports, strict=True):
        if isinstance(report, Exception):  # an author needs the reason, not a traceback
            result.problems.append(f"{path}: het notebook draait niet: {_short(report)}")
            continue
        built = [r for r in report if r["worksheet_id"] == info.id]
        if not built:
            result.problems.append(f"{path}: roept worksheet({info.id!r}) niet aan")
            continue
        if not built[0]["bound"]:
            result.problems.append(f"{path}: eindigt niet met ws.finish()")
        if not built[0]["question_ids"]:
            result.problems.append(f"{path}: heeft geen vragen")
        result.questions[info.id] = built[0]["question_ids"]
        try:
            static = [q.id for q in load_worksheet(info, root).questions]
        except ContentError as exc:
            result.problems.append(str(exc))
            continue
        if static != built[0]["question_ids"]:
            result.problems.append(
                f"{path}: de vragen zijn niet uit de tekst te lezen (gebruik letterlijke "
                "argumenten in ws.…-aanroepen); het facilitatorscherm en het verslag "
                "hebben die nodig"
            )
    return result


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    tail = [line for line in text if line.strip()][-3:]
    return " / ".join(tail)[:500]
