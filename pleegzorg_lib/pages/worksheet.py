"""What a worksheet notebook calls: one line per question.

>>> ws = worksheet("informele-steun")            # header: title, role, resume code
>>> ws.open_question("steun-1", "Bij wie kun jij terecht als het thuis schuurt?")
>>> ws.finish()                                   # binds the page to its participant

Questions are built before the page knows its visitor (so a preheated kernel can do the
work in advance); :meth:`WorksheetPage.finish` waits for the request and binds. A request for
another language (``?taal=en``) rebuilds the page in that language in the same places: every
part of the page is shown in a slot, and the page remembers the calls that filled them.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, Concatenate, ParamSpec, TypeVar

import ipywidgets as w
from IPython.display import display
from sqlalchemy.exc import OperationalError

from .. import config
from ..content import cached_catalog, find_worksheet, questions
from ..content.signposting import cached_signposting
from ..i18n import current_language, language_from_query, set_language, t
from ..model import Question
from ..store import SQLStore, open_store
from ..widgets import WorksheetRunner

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
    """The page's query string; ``None`` outside Voilà (nbclient, pytest, JupyterLab).

    Same protocol as ``voila.utils.get_query_string`` without importing Voilà in the kernel
    (see :mod:`pleegzorg_lib.pages._voila_request`).
    """
    from ._voila_request import query_string

    return query_string()


_F = TypeVar("_F", bound=Callable[..., None])
_P = ParamSpec("_P")

#: One layout shared by every slot: a slot adds one widget model to the page, not two.
_SLOT_LAYOUT: w.Layout | None = None


def _slot(widget: w.Widget) -> w.Box:
    global _SLOT_LAYOUT
    if _SLOT_LAYOUT is None:
        _SLOT_LAYOUT = w.Layout()  # one per kernel, shared by every slot
    box = w.Box([widget], layout=_SLOT_LAYOUT)
    box.add_class("pz-slot")  # display: contents — the slot leaves no trace in the layout
    return box


def _recorded(method: _F) -> _F:
    """Remember an author's call, so the page can be built again in another language."""

    @functools.wraps(method)
    def wrapper(self: WorksheetPage, *args: Any, **kwargs: Any) -> None:
        outer = self._depth == 0
        self._depth += 1
        try:
            method(self, *args, **kwargs)
        finally:
            self._depth -= 1
        if outer and self._slots_to_fill is None:
            self._calls.append((method.__name__, args, kwargs))

    return wrapper  # type: ignore[return-value]


def _adds(
    factory: Callable[_P, Question | list[Question]],
) -> Callable[Concatenate[WorksheetPage, _P], None]:
    """A page method that builds its question(s) with ``factory`` and shows them: the same
    arguments, name and documentation (``help(ws.likert)`` shows the factory's)."""

    def method(self: WorksheetPage, /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        made = factory(*args, **kwargs)
        for question in made if isinstance(made, list) else [made]:
            self._add(question)

    method.__name__ = factory.__name__
    method.__qualname__ = f"WorksheetPage.{factory.__name__}"
    method.__doc__ = factory.__doc__
    signature = inspect.signature(factory)
    me = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[me, *signature.parameters.values()], return_annotation=None
    )
    return _recorded(method)


class WorksheetPage:
    """The author's handle on a worksheet page: each method adds and shows one question."""

    def __init__(
        self, runner: WorksheetRunner, *, store: SQLStore, slots: Iterator[w.Box] | None = None
    ) -> None:
        self.runner = runner
        #: the whole store: the page hands each part the narrow view it needs
        self.store = store
        self._calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._slots: list[w.Box] = []
        self._slots_to_fill = slots
        self._depth = 0
        #: "Maak er een praktijkverhaal van" below each reflection cycle
        self.story_drafts: list[Any] = []

    def _show(self, widget: w.Widget) -> None:
        """Show ``widget`` in a new slot, or, when rebuilding, in the next existing one."""
        if self._slots_to_fill is not None:
            next(self._slots_to_fill).children = (widget,)
            return
        slot = _slot(widget)
        self._slots.append(slot)
        display(slot)

    def _add(self, question: Question) -> None:
        view = self.runner.add_question(question)
        self._show(view.box)

    # One line per question: the page method takes exactly the arguments of the factory in
    # content/questions.py (the one ``pleegzorg check`` calls), and shows what it builds.
    open_question = _adds(questions.open_question)
    likert = _adds(questions.likert)
    single_choice = _adds(questions.single_choice)
    multiple_choice = _adds(questions.multiple_choice)
    scale_0_10 = _adds(questions.scale_0_10)
    ranking = _adds(questions.ranking)
    netwerkkaart = _adds(questions.netwerkkaart)

    # -- reflection tools (issue #4) ----------------------------------------------------
    def _add_all(self, made: list[Question]) -> None:
        for question in made:
            self._add(question)

    @_recorded
    def reflection_cycle(self, id: str, cycle: str = "alact", *, situation: str = "") -> None:
        """A reflection cycle (``alact``, ``gibbs``, ``starr``), step by step, and below it
        "Maak er een praktijkverhaal van": the answers as a draft story for the network."""
        from ..content.tools import load_cycles
        from ..services.story_draft import CycleOnPage
        from ..widgets.story_draft import StoryDraftPanel

        self._add_all(questions.reflection_cycle(id, cycle, situation=situation))
        panel = StoryDraftPanel(self.runner, CycleOnPage(id, load_cycles(config.data_dir())[cycle]))
        self.story_drafts.append(panel)
        self._show(panel.box)

    scale_sequence = _adds(questions.scale_sequence)

    @_recorded
    def vakmanschap(self, id: str) -> None:
        """The four Vakmanschap development tasks as self-assessment, with a profile chart."""
        from ..content.tools import load_vakmanschap
        from ..widgets.profile import ProfileChart

        made = questions.vakmanschap(id)
        # The profile comes right before the question that asks where to focus.
        split = next((i for i, q in enumerate(made) if q.id == f"{id}-focus"), len(made))
        self._add_all(made[:split])
        chart = ProfileChart(id, load_vakmanschap(config.data_dir()))
        self._show(chart.box)
        self.runner.on_answers(chart.update)
        self._add_all(made[split:])

    @_recorded
    def wie_weet_wat(self, id: str = "wie-weet-wat") -> None:
        """What I know and look for; suggests whom in the network to approach."""
        from ..widgets.wieweetwat import WieWeetWatPanel

        self._add_all(questions.wie_weet_wat(id))
        panel = WieWeetWatPanel(self.runner, id)
        self._show(panel.box)
        self.runner.add_panel(panel)
        self.runner.on_answers(panel.update)

    @_recorded
    def kennisdossier(self, theme: str | None = None) -> None:
        """A search box over the Kennisdossier (resources per theme in ``data/``)."""
        from ..content.dossier import load_dossier
        from ..widgets.dossier import DossierSearch

        catalog = cached_catalog(str(config.data_dir()))
        search = DossierSearch(load_dossier(config.data_dir()), catalog, theme=theme)
        self._show(search.box)

    @_recorded
    def hulpwijzer(self) -> None:
        """Where to find help (``data/hulpwijzer.yaml``), fitting the participant's role: on
        a worksheet for young people the Kindertelefoon first."""
        self._show(self.runner.add_help_panel())

    @_recorded
    def kennisagenda(self) -> None:
        """The network's Kennisagenda: submit research questions and vote on others'."""
        from ..widgets.agenda import AgendaPanel

        runner = self.runner
        panel = AgendaPanel(
            self.store,
            runner.info.network_id,
            runner.catalog,
            may_vote=lambda: runner.answered_count() > 0,
        )
        self._show(panel.box)
        self.runner.add_panel(panel)

    @_recorded
    def jaarplan(self, network: str | None = None) -> None:
        """The network's year plan with agendas; participants record their attendance."""
        from ..content.yearplan import load_plan
        from ..widgets.yearplan import YearPlanPanel

        network_id = network or self.runner.info.network_id
        plan = load_plan(config.data_dir(), network_id)
        panel = YearPlanPanel(
            self.store, plan, self.runner.catalog, page_path=self.runner.info.path
        )
        self._show(panel.box)
        self.runner.add_panel(panel)

    def finish(self) -> None:
        """Show the footer and bind the page to its participant (waits for the request)."""
        self._show(self.runner.footer)
        query = _query_string()
        lang = language_from_query(query)
        if lang is not None and lang != current_language():
            self._rebuild(lang)
        try:
            self.runner.bind(query)
        except Exception as exc:  # the store is unreachable: a clear message, no traceback
            log.exception("binding worksheet %s failed", self.runner.info.id)
            self.runner.header.show_message(t("error.store", reason=type(exc).__name__), "error")

    def _rebuild(self, lang: str) -> None:
        """Build the page again in ``lang``, into the slots already on the page.

        The preheated kernel built the page in the server's language before the request came;
        the same calls are made again, so ids, order and tools stay exactly the same.
        """
        set_language(lang)
        old = self.runner
        shown = [child for slot in self._slots for child in slot.children]
        catalog = cached_catalog(str(config.data_dir()), lang)
        runner = WorksheetRunner(
            old.info,
            catalog,
            store=self.store,
            signposting=cached_signposting(str(config.data_dir()), lang),
        )
        again = WorksheetPage(runner, store=self.store, slots=iter(self._slots))
        again._show(runner.header.box)
        for name, args, kwargs in self._calls:
            getattr(again, name)(*args, **kwargs)
        again._show(runner.footer)
        _BUILT[_BUILT.index(old)] = runner
        self.runner = runner
        self.story_drafts = again.story_drafts
        _close_tree(*shown)


def worksheet(worksheet_id: str, *, store: SQLStore | None = None) -> WorksheetPage:
    """Start the page of worksheet ``worksheet_id`` (its notebook's file stem)."""
    from ..widgets._lean import share_default_models

    share_default_models()  # this kernel is a page: one default layout/style, not one each
    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, worksheet_id)
    if info is None:
        raise LookupError(t("error.worksheet_unknown", id=worksheet_id))
    store = store or _default_store()
    runner = WorksheetRunner(
        info, catalog, store=store, signposting=cached_signposting(str(config.data_dir()))
    )
    _BUILT.append(runner)
    page = WorksheetPage(runner, store=store)
    page._show(runner.header.box)
    return page


def _close_tree(*roots: w.Widget) -> None:
    """Close widgets no page shows any more (their models would stay in the kernel)."""
    stack = list(roots)
    while stack:
        widget = stack.pop()
        stack.extend(getattr(widget, "children", ()) or ())
        widget.close()


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
