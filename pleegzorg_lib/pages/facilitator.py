"""What facilitator notebooks call: ``live_view()`` shows a session to its facilitator only."""

from __future__ import annotations

import html
from urllib.parse import parse_qs

import ipywidgets as w
from IPython.display import display

from .. import config
from ..content import cached_catalog, find_worksheet, load_worksheet_index
from ..i18n import language_from_query, set_language, t
from ..model import normalize_session_code
from ..store import SQLStore
from ..widgets.facilitator import LiveView
from ..widgets.new_session import NewSessionForm
from .worksheet import _default_store, _query_string

__all__ = ["intervisie_timer", "live_view", "new_session_form", "open_live_view"]


def _use_page_language() -> str | None:
    """Facilitator pages are built after their request: this kernel is a page (one shared
    default layout/style for its widgets) and speaks the request's language (``?taal=en``)."""
    from ..widgets._lean import share_default_models

    share_default_models()  # this kernel is a page: one default layout/style, not one each
    query = _query_string()
    lang = language_from_query(query)
    if lang is not None:
        set_language(lang)
    return query


def open_live_view(query_string: str | None, *, store: SQLStore) -> LiveView | None:
    """The live view for ``?sessie=…&sleutel=…``, or ``None`` when the key does not fit."""
    params = parse_qs(query_string or "")
    code = normalize_session_code((params.get("sessie") or [""])[0]) or ""
    key = (params.get("sleutel") or [""])[0]
    session = store.session(code) if code else None
    if session is None or not store.facilitator_may(code, key):
        return None
    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, session.worksheet_id)
    path = info.path if info else ""
    return LiveView(
        session,
        key,
        store=store,
        catalog=catalog,
        root=config.workbooks_dir(),
        participant_path=path,
    )


def live_view(*, store: SQLStore | None = None) -> LiveView | None:
    """Show the live view, or only a Dutch message when the link has no valid key."""
    query = _use_page_language()
    view = open_live_view(query, store=store or _default_store())
    if view is None:
        text = html.escape(t("live.denied"))
        message = w.HTML(f'<div class="pz-alert pz-alert-error" role="alert">{text}</div>')
        message.add_class("pz-denied")
        display(message)
        return None
    display(view.box)
    view.start()
    return view


def new_session_form(*, store: SQLStore | None = None) -> NewSessionForm:
    """Show the form that creates a session and prints its join code and links."""
    _use_page_language()
    catalog = cached_catalog(str(config.data_dir()))
    worksheets = load_worksheet_index(config.workbooks_dir(), catalog)
    form = NewSessionForm(catalog, worksheets, store=store or _default_store())
    display(form.box)
    return form


def intervisie_timer(format_id: str = "incidentmethode"):  # noqa: ANN201 - widget type lazy
    """Show the round timer of an intervisie format from ``data/tools/intervisie.yaml``."""
    _use_page_language()
    from ..content.tools import load_intervisie
    from ..widgets.intervisie import IntervisieTimer

    timer = IntervisieTimer(load_intervisie(config.data_dir(), format_id))
    display(timer.box)
    return timer
