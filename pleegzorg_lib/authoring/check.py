"""``pleegzorg check``: what an author runs before committing a worksheet.

Checks the catalog, each notebook's metadata and hygiene (no outputs, no ``def``, thin code),
the questions each cell declares (ids valid and unique, arguments literal), that no question
with stored answers was renamed or removed, the spelling of every Dutch text, and then
executes every worksheet headless against a throw-away store and asks the library which
questions it built. Every problem is one line, ``file:cel N: message`` where a cell is to
blame, in Dutch.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import nbformat

from .. import config
from ..content import (
    ContentError,
    load_catalog,
    notebook_paths,
    read_worksheet_info,
)
from ..content.questions import questions_in_source
from ..i18n import t
from ..model import Question, QuestionKind, WorksheetInfo

MAX_CODE_LINES = 40
REPORT_MARKER = "PLEEGZORG-REPORT:"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

#: Called after each executed notebook: (done, total, worksheet id).
Progress = Callable[[int, int, str], None]


@dataclass
class CheckResult:
    """What ``check`` found: problems (each one line) and the question ids per worksheet."""

    problems: list[str] = field(default_factory=list)
    questions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _label(path: Path, root: Path) -> str:
    """How a problem names a notebook: ``workbooks/<path>`` (as authors see it in git)."""
    try:
        return f"workbooks/{path.resolve().relative_to(root.resolve()).as_posix()}"
    except ValueError:
        return str(path)


def hygiene_problems(label: str, nb: nbformat.NotebookNode) -> list[str]:
    """Notebooks stay thin: prose in Markdown, a few library calls, no outputs committed."""
    problems = []
    code_lines = 0
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        source = cell.source
        code_lines += len([ln for ln in source.splitlines() if ln.strip()])
        if cell.get("outputs") or cell.get("execution_count") is not None:
            problems.append(f"{label}:cel {index}: {t('check.saved_output')}")
        if any(line.lstrip().startswith(("def ", "class ")) for line in source.splitlines()):
            problems.append(f"{label}:cel {index}: {t('check.logic')}")
    if code_lines > MAX_CODE_LINES:
        problems.append(
            f"{label}: {t('check.too_much_code', lines=code_lines, max=MAX_CODE_LINES)}"
        )
    return problems


def question_problems(
    label: str, nb: nbformat.NotebookNode
) -> tuple[list[str], list[tuple[int, Question]]]:
    """The questions each code cell declares, read without running anything: problems
    (invalid arguments, an id used twice) with their cell, and the (cell, question) pairs."""
    problems: list[str] = []
    found: list[tuple[int, Question]] = []
    first_cell: dict[str, int] = {}
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            declared = questions_in_source(cell.source, label)
        except ContentError as exc:
            where = f"regel {exc.line}" + (f", {exc.field}" if exc.field != "-" else "")
            problems.append(f"{label}:cel {index}: {where}: {exc.problem}")
            continue
        for question in declared:
            if question.id in first_cell:
                message = t(
                    "check.duplicate_question", id=question.id, cell=first_cell[question.id]
                )
                problems.append(f"{label}:cel {index}: {message}")
                continue
            first_cell[question.id] = index
            found.append((index, question))
    return problems, found


#: A line that tells participants not to write names (docs/privacy.md), in any wording.
NO_NAMES = re.compile(r"\bgeen\s+(?:voor)?namen\b|\b(?:do\s+)?not\s+write\s+names\b", re.IGNORECASE)
#: Words that ask for who someone is or how to reach them.
IDENTITY_WORDS = re.compile(
    r"\bvoorna(?:am|men)\b|\bnamen van\b|\bnaam van\b|e-?mail|telefoonnummer|\bwie waren erbij\b"
    r"|\bwie was erbij\b|\badres\b",
    re.IGNORECASE,
)
#: A sentence that says *not* to (``geen``, ``zonder``, ``niet``) is the opposite of asking.
NEGATION = re.compile(r"\b(?:geen|zonder|niet|nooit)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]


def asks_identity(text: str) -> list[str]:
    """The sentences of ``text`` that ask for names or contact details."""
    return [s for s in _sentences(text) if IDENTITY_WORDS.search(s) and not NEGATION.search(s)]


#: Prose that promises nobody else sees the answers ...
ONLY_YOU = re.compile(r"\balleen\s+jij\b|\bniemand\s+anders\b|\bonly\s+you\b", re.IGNORECASE)
#: ... and the words that keep the promise honest: what the group sees, without a name.
GROUP_SEES = re.compile(r"\bdit ziet de groep\b|\bzonder (?:je )?naam\b", re.IGNORECASE)


def privacy_problems(
    label: str, nb: nbformat.NotebookNode, declared: list[tuple[int, Question]]
) -> list[str]:
    """Privacy in the wording (docs/privacy.md): a worksheet with open or shared questions
    says not to write names; no prompt, help text or prose asks for names or contact
    details of anyone."""
    problems: list[str] = []
    prose = [(i, c.source) for i, c in enumerate(nb.cells, start=1) if c.cell_type == "markdown"]
    open_or_shared = any(q.kind == QuestionKind.OPEN or q.shared for _, q in declared)
    if open_or_shared and not any(NO_NAMES.search(text) for _, text in prose):
        problems.append(f"{label}: {t('check.privacy.no_names_line')}")
    if any(q.shared for _, q in declared):
        # "alleen jij ziet je antwoorden" on a sheet whose shared answers the group sees
        # (without a name) promises what the sheet does not keep, unless it says so too
        for index, text in prose:
            if ONLY_YOU.search(text) and not GROUP_SEES.search(text):
                problems.append(f"{label}:cel {index}: {t('check.privacy.only_you')}")
    texts = prose + [(i, f"{q.prompt}\n{q.help}") for i, q in declared]
    for index, text in texts:
        for sentence in asks_identity(text):
            problems.append(
                f"{label}:cel {index}: {t('check.privacy.asks_identity', text=sentence)}"
            )
    return problems


def stored_answer_problems(
    label: str, info: WorksheetInfo, declared: list[tuple[int, Question]], counts: dict[str, int]
) -> list[str]:
    """Questions that have answers in the store but are gone from the notebook: renaming an
    id cuts those answers loose from the page, the live view and the report."""
    present = {q.id for _, q in declared}
    gone = sorted(qid for qid in counts if qid not in present and qid not in info.retired_questions)
    if not gone:
        return []
    # An id without answers that looks like the lost one is most likely its new name.
    unanswered = {q.id: cell for cell, q in declared if q.id not in counts}
    problems = []
    for qid in gone:
        close = difflib.get_close_matches(qid, list(unanswered), n=1, cutoff=0.6)
        if close:
            message = t("check.renamed", old=qid, new=close[0], count=counts[qid])
            problems.append(f"{label}:cel {unanswered[close[0]]}: {message}")
        else:
            problems.append(f"{label}: {t('check.removed', id=qid, count=counts[qid])}")
    return problems


def stored_option_problems(
    label: str, declared: list[tuple[int, Question]], chosen: dict[str, dict[str, int]]
) -> list[str]:
    """Options that participants chose but that are no longer on the question (reworded or
    removed): their answers would silently lose that choice on the page and in reports,
    unless the question names the old wording in ``renamed``."""
    problems = []
    for cell, question in declared:
        if not question.options:
            continue
        known = set(question.options) | {old for old, _ in question.renamed}
        for option, count in sorted(chosen.get(question.id, {}).items()):
            if option in known:
                continue
            close = difflib.get_close_matches(option, list(question.options), n=1, cutoff=0.6)
            key = "check.option_reworded" if close else "check.option_removed"
            message = t(key, id=question.id, old=option, new=close[0] if close else "", count=count)
            problems.append(f"{label}:cel {cell}: {message}")
    return problems


_CHOICE_KINDS = (
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.RANKING,
    QuestionKind.LIKERT,
)


def _answer_store(database_url: str | None) -> Any:
    """The store whose answers ``check`` protects (``answer_counts``: participants with
    answers per question id; ``option_counts``: per option), opened read-only: never
    created or migrated by ``check``. ``None`` when there is no store yet; a Dutch
    problem text when it cannot be read."""
    url = database_url or config.database_url()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            return None
    from ..store import open_store

    try:
        store = open_store(url, migrate=False)
        store.answer_counts("-")  # fails now, not per worksheet, when the store is unusable
    except Exception as exc:  # a store that is down must not hide the other problems
        return t("check.store_unreadable", reason=_short(exc))
    return store


def execute_worksheet(
    path: Path, database_url: str, *, workbooks: Path | None = None, timeout: int = 180
) -> list[dict]:
    """Run a worksheet headless; return the library's report of the worksheets it built."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            f"import pleegzorg_lib.pages.worksheet as _pz\nprint({REPORT_MARKER!r} + _pz.report())"
        )
    )
    # The kernel gets its settings through its own environment (not os.environ), so several
    # worksheets can run side by side in threads.
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=database_url)
    env["PLEEGZORG_WORKBOOKS"] = str(workbooks or config.workbooks_dir())
    env.setdefault("PLEEGZORG_DATA", str(config.data_dir()))
    env["NO_COLOR"] = "1"  # tracebacks without terminal colours: they end up in one line
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # The kernel's own start-up warnings (TCP without encryption) say nothing to an author.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute(env=env)
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if REPORT_MARKER in text:
            return json.loads(text.split(REPORT_MARKER, 1)[1])
    raise RuntimeError(f"{path}: the worksheet did not report its questions")


def check_workers() -> int:
    """Worksheets executed side by side: ``PLEEGZORG_CHECK_WORKERS`` or the number of cores."""
    return config.check_workers() or max(1, min(4, os.cpu_count() or 1))


def _workbooks_root(target: Path) -> Path:
    """The workbooks folder a single notebook belongs to: the configured one when it lies
    inside it, else the folder two levels up (``<workbooks>/<network>/<sheet>.ipynb``)."""
    books = config.workbooks_dir().resolve()
    return books if target.is_relative_to(books) else target.parent.parent


def check(
    root: Path | None = None,
    *,
    execute: bool = True,
    spelling: bool = True,
    database_url: str | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check every worksheet below ``root`` (default: the workbooks folder), or the one
    notebook ``root`` names. ``database_url`` is the store whose answers must not be cut
    loose (default: the configured store); ``progress`` hears of every executed notebook."""
    root = (root or config.workbooks_dir()).resolve()
    paths: list[Path] | None = None
    if root.is_file():  # one notebook: check it against the workbooks folder it lives in
        paths = [root]
        root = _workbooks_root(root)
    result = CheckResult()
    try:
        catalog = load_catalog(config.data_dir())
    except ContentError as exc:
        result.problems.append(_content_line(exc))
        return result
    store = _answer_store(database_url)
    if isinstance(store, str):
        result.problems.append(store)
        store = None
    seen: dict[str, str] = {}
    to_run: list[tuple[Path, WorksheetInfo, list[Question]]] = []
    for path in paths if paths is not None else notebook_paths(root):
        label = _label(path, root)
        try:
            info = read_worksheet_info(path, root, catalog)
        except ContentError as exc:
            result.problems.append(_content_line(exc))
            continue
        if info.id in seen:
            result.problems.append(
                f"{label}: {t('check.duplicate_sheet', id=info.id, other=seen[info.id])}"
            )
        seen[info.id] = label
        nb = nbformat.read(path, as_version=4)
        result.problems.extend(hygiene_problems(label, nb))
        problems, declared = question_problems(label, nb)
        result.problems.extend(problems)
        result.problems.extend(privacy_problems(label, nb, declared))
        if problems:  # running it would only repeat the same problem as a traceback
            continue
        if store is not None:
            counts = store.answer_counts(info.id)
            result.problems.extend(stored_answer_problems(label, info, declared, counts))
            choices = [q.id for _, q in declared if q.kind in _CHOICE_KINDS and q.id in counts]
            chosen = store.option_counts(info.id, choices)
            result.problems.extend(stored_option_problems(label, declared, chosen))
        to_run.append((path, info, [q for _, q in declared]))
    if spelling:
        from .spelling import spelling_problems

        if paths is None:
            result.problems.extend(spelling_problems(root, config.data_dir()))
        else:  # one notebook: its own text; data/ and the catalog are checked with the rest
            result.problems.extend(_spelling_of(paths[0], root))
    if not execute:
        for _, info, static in to_run:
            result.questions[info.id] = [q.id for q in static]
        return result
    reports = _execute_all(to_run, root, progress)
    for (path, info, static), report in zip(to_run, reports, strict=True):
        label = _label(path, root)
        if isinstance(report, Exception):  # an author needs the reason, not a traceback
            result.problems.append(f"{label}: {t('check.does_not_run', reason=_short(report))}")
            continue
        built = [r for r in report if r["worksheet_id"] == info.id]
        if not built:
            result.problems.append(f"{label}: {t('check.no_worksheet_call', id=info.id)}")
            continue
        if not built[0]["bound"]:
            result.problems.append(f"{label}: {t('check.no_finish')}")
        if not built[0]["question_ids"]:
            result.problems.append(f"{label}: {t('check.no_questions')}")
        result.questions[info.id] = built[0]["question_ids"]
        if [q.id for q in static] != built[0]["question_ids"]:
            result.problems.append(f"{label}: {t('check.not_static')}")
    return result


def _spelling_of(path: Path, root: Path) -> list[str]:
    """Spelling of one notebook: the check over a folder holding just that notebook."""
    from .spelling import spelling_problems

    with tempfile.TemporaryDirectory(prefix="pleegzorg-spelling-") as tmp:
        rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        copy = Path(tmp) / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        found = spelling_problems(Path(tmp), config.data_dir(), include_catalog=False)
    # Only the notebook's own lines: data/ is checked when the whole folder is.
    return [p for p in found if p.startswith("workbooks/")]


def _execute_all(
    to_run: list[tuple[Path, WorksheetInfo, list[Question]]],
    root: Path,
    progress: Progress | None,
) -> list[list[dict] | Exception]:
    done = 0
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="pleegzorg-check-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'check.db'}"

        def run(item: tuple[Path, WorksheetInfo, list[Question]]) -> list[dict] | Exception:
            nonlocal done
            path, info, _ = item
            try:
                return execute_worksheet(path, url, workbooks=root)
            except Exception as exc:  # reported by the caller, in the notebooks' order
                return exc
            finally:
                if progress is not None:
                    with lock:
                        done += 1
                        progress(done, len(to_run), info.id)

        with ThreadPoolExecutor(max_workers=check_workers()) as pool:
            return list(pool.map(run, to_run))


class ProgressBar:
    """``[#######·······]  7/23  puberteit`` on one terminal line, redrawn in place; on a
    stream that is not a terminal (CI logs) nothing, so logs stay one line per problem."""

    WIDTH = 24

    def __init__(self, stream: TextIO, *, force: bool = False) -> None:
        self.stream = stream
        self.enabled = force or (hasattr(stream, "isatty") and stream.isatty())
        self._last = 0

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled or total <= 0:
            return
        filled = round(self.WIDTH * done / total)
        bar = "#" * filled + "·" * (self.WIDTH - filled)
        line = f"[{bar}] {done:>{len(str(total))}}/{total}  {t('check.running', name=name)}"
        pad = " " * max(0, self._last - len(line))
        self.stream.write("\r" + line + pad)
        self._last = len(line)
        if done >= total:
            self.stream.write("\r" + " " * self._last + "\r")  # leave the line empty
        self.stream.flush()


def _content_line(exc: ContentError) -> str:
    """A content problem in check's one-line form: ``file:regel N: field: problem``."""
    field = f"{exc.field}: " if exc.field and exc.field != "-" else ""
    return f"{exc.file}:regel {exc.line}: {field}{exc.problem}"


def _short(exc: Exception) -> str:
    text = _ANSI.sub("", str(exc)).strip().splitlines()
    lines = [line.strip() for line in text if line.strip() and not line.startswith("---")]
    # The exception itself ("ValueError: …") says most: prefer it over traceback frames.
    errors = [line for line in lines if re.match(r"^[A-Za-z_.]+(Error|Exception): ", line)]
    tail = errors[-1:] or lines[-3:]
    return " / ".join(tail)[:500]
