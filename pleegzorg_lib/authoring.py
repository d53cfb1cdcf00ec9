"""What a worksheet notebook calls: one line per question.

>>> ws = worksheet("informele-steun")            # header: title, role, resume code
>>> ws.open_question("steun-1", "Bij wie kun jij terecht als het thuis schuurt?")
>>> ws.finish()                                   # binds the page to its participant

Questions are built before the page knows its visitor (so a preheated kernel can do the
work in advance); :meth:`WorksheetPage.finish` waits for the request and binds.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence

from IPython.display import display
from sqlalchemy.exc import OperationalError

from . import config
from .content import cached_catalog, find_worksheet, questions
from .i18n import t
from .model import Question
from .store import SQLStore, open_store
from .widgets import WorksheetRunner

__all__ = ["WorksheetPage", "report", "worksheet"]

log = logging.getLogger(__name__)

_BUILT: list[WorksheetRunner] = []
_STORES: dict[str, SQLStore] = {}


def _default_store() -> SQLStore:
    url = config.database_url()
    if url not in _STORES:
        for attempt in range(5):  # kernels starting together may meet a briefly locked file
            try:
                _STORES[url] = open_store(url)
                break
            except OperationalError:
                if attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
    return _STORES[url]


def _query_string() -> str | None:
    """The page's query string; ``None`` outside Voilà (nbclient, pytest, JupyterLab)."""
    try:
        from voila.utils import get_query_string
    except ImportError:  # pragma: no cover - voila is a dependency
        return None
    return get_query_string()


class WorksheetPage:
    """The author's handle on a worksheet page: each method adds and shows one question."""

    def __init__(self, runner: WorksheetRunner) -> None:
        self.runner = runner

    def _add(self, question: Question) -> None:
        view = self.runner.add_question(question)
        display(view.box)

    def open_question(
        self,
        id: str,
        prompt: str,
        *,
        help: str = "",
        shared: bool = False,
        max_length: int | None = None,
    ) -> None:
        """An open question answered in a text field."""
        self._add(
            questions.open_question(id, prompt, help=help, shared=shared, max_length=max_length)
        )

    def likert(
        self,
        id: str,
        prompt: str,
        *,
        labels: Sequence[str] | None = None,
        help: str = "",
        shared: bool = False,
    ) -> None:
        """A statement rated on five points ("helemaal mee oneens" … "helemaal mee eens")."""
        self._add(questions.likert(id, prompt, labels=labels, help=help, shared=shared))

    def single_choice(
        self,
        id: str,
        prompt: str,
        options: Sequence[str],
        *,
        help: str = "",
        shared: bool = False,
    ) -> None:
        """One answer out of several."""
        self._add(questions.single_choice(id, prompt, options, help=help, shared=shared))

    def multiple_choice(
        self,
        id: str,
        prompt: str,
        options: Sequence[str],
        *,
        help: str = "",
        shared: bool = False,
    ) -> None:
        """Any number of answers out of several."""
        self._add(questions.multiple_choice(id, prompt, options, help=help, shared=shared))

    def scale_0_10(
        self,
        id: str,
        prompt: str,
        *,
        low: str = "",
        high: str = "",
        help: str = "",
        shared: bool = False,
    ) -> None:
        """A schaalvraag: a number from 0 to 10, with optional words for both ends."""
        self._add(questions.scale_0_10(id, prompt, low=low, high=high, help=help, shared=shared))

    def ranking(
        self,
        id: str,
        prompt: str,
        items: Sequence[str],
        *,
        help: str = "",
        shared: bool = False,
    ) -> None:
        """Put a list in order of importance."""
        self._add(questions.ranking(id, prompt, items, help=help, shared=shared))

    # -- reflection tools (issue #4) ----------------------------------------------------
    def _add_all(self, made: list[Question]) -> None:
        for question in made:
            self._add(question)

    def netwerkkaart(self, id: str, prompt: str, *, help: str = "") -> None:
        """A netwerkkaart: the participant places the people around them, with metrics."""
        self._add(questions.netwerkkaart(id, prompt, help=help))

    def reflection_cycle(self, id: str, cycle: str = "alact", *, situation: str = "") -> None:
        """A reflection cycle (``alact``, ``gibbs``, ``starr``), step by step."""
        self._add_all(questions.reflection_cycle(id, cycle, situation=situation))

    def scale_sequence(self, id: str, topic: str) -> None:
        """The schaalvraag sequence on ``topic``: now, what helped, a 10, one step up."""
        self._add_all(questions.scale_sequence(id, topic))

    def vakmanschap(self, id: str) -> None:
        """The four Vakmanschap development tasks as self-assessment, with a profile chart."""
        from .content.tools import load_vakmanschap
        from .widgets.profile import ProfileChart

        made = questions.vakmanschap(id)
        # The profile comes right before the question that asks where to focus.
        split = next((i for i, q in enumerate(made) if q.id == f"{id}-focus"), len(made))
        self._add_all(made[:split])
        chart = ProfileChart(id, load_vakmanschap(config.data_dir()))
        display(chart.box)
        self.runner.on_answers(chart.update)
        self._add_all(made[split:])

    def wie_weet_wat(self, id: str = "wie-weet-wat") -> None:
        """What I know and look for; suggests whom in the network to approach."""
        from .widgets.wieweetwat import WieWeetWatPanel

        self._add_all(questions.wie_weet_wat(id))
        panel = WieWeetWatPanel(self.runner, id)
        display(panel.box)
        self.runner.add_panel(panel)
        self.runner.on_answers(panel.update)

    def kennisdossier(self, theme: str | None = None) -> None:
        """A search box over the Kennisdossier (resources per theme in ``data/``)."""
        from .content.dossier import load_dossier
        from .widgets.dossier import DossierSearch

        catalog = cached_catalog(str(config.data_dir()))
        search = DossierSearch(load_dossier(config.data_dir()), catalog, theme=theme)
        display(search.box)

    def kennisagenda(self) -> None:
        """The network's Kennisagenda: submit research questions and vote on others'."""
        from .widgets.agenda import AgendaPanel

        panel = AgendaPanel(self.runner.store, self.runner.info.network_id, self.runner.catalog)
        display(panel.box)
        self.runner.add_panel(panel)

    def jaarplan(self, network: str | None = None) -> None:
        """The network's year plan with agendas; participants record their attendance."""
        from .content.yearplan import load_plan
        from .widgets.yearplan import YearPlanPanel

        network_id = network or self.runner.info.network_id
        plan = load_plan(config.data_dir(), network_id)
        panel = YearPlanPanel(
            self.runner.store, plan, self.runner.catalog, page_path=self.runner.info.path
        )
        display(panel.box)
        self.runner.add_panel(panel)

    def finish(self) -> None:
        """Show the footer and bind the page to its participant (waits for the request)."""
        display(self.runner.footer)
        try:
            self.runner.bind(_query_string())
        except Exception as exc:  # the store is unreachable: a clear message, no traceback
            log.exception("binding worksheet %s failed", self.runner.info.id)
            self.runner.header.show_message(t("error.store", reason=type(exc).__name__), "error")


def worksheet(worksheet_id: str, *, store: SQLStore | None = None) -> WorksheetPage:
    """Start the page of worksheet ``worksheet_id`` (its notebook's file stem)."""
    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, worksheet_id)
    if info is None:
        raise LookupError(t("error.worksheet_unknown", id=worksheet_id))
    runner = WorksheetRunner(info, catalog, store=store or _default_store())
    _BUILT.append(runner)
    display(runner.header.box)
    return WorksheetPage(runner)


def report() -> str:
    """JSON describing the worksheets built in this kernel (used by ``check`` and tests)."""
    return json.dumps(
        [
            {
                "worksheet_id": r.info.id,
                "question_ids": r.question_ids,
                "kinds": [v.question.kind.value for v in r.views.values()],
                "bound": r.participant is not None,
                "answered": r.answered_count(),
            }
            for r in _BUILT
        ]
    )
