"""``?taal=en``: a page built in Dutch (as a preheated kernel does) is rebuilt in English in
the same places once its request asks for English; answers stay language-neutral."""

from __future__ import annotations

import re

import ipywidgets as w
import nbformat
import pytest

from pleegzorg_lib import config
from pleegzorg_lib.i18n import CATALOGS, current_language, set_language
from pleegzorg_lib.pages import worksheet as page_api

NOTEBOOK = "breakdown/puberteit.ipynb"


@pytest.fixture(autouse=True)
def _dutch_again():
    yield
    set_language(None)


def _run(
    store, monkeypatch, query: str | None, rel: str = NOTEBOOK
) -> tuple[page_api.WorksheetPage, list]:
    """Execute the real notebook as a kernel does; return the page and what it displayed."""
    shown: list = []
    monkeypatch.setattr(page_api, "_default_store", lambda: store)
    monkeypatch.setattr(page_api, "display", lambda obj, **_k: shown.append(obj))
    monkeypatch.setattr(page_api, "_BUILT", [])
    monkeypatch.setattr(page_api, "_query_string", lambda: query)
    nb = nbformat.read(config.workbooks_dir() / rel, as_version=4)
    namespace: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, rel, "exec"), namespace)  # noqa: S102 - our notebook
    return namespace["ws"], shown  # type: ignore[return-value]


def _texts(widget: w.Widget) -> str:
    """Every text a reader sees in a widget tree (labels, HTML, options, placeholders)."""
    out: list[str] = []
    stack = [widget]
    while stack:
        x = stack.pop()
        for trait in ("value", "description", "placeholder", "tooltip"):
            v = getattr(x, trait, None)
            if isinstance(v, str):
                out.append(v)
        out.extend(str(o) for o in getattr(x, "_options_labels", ()) or ())
        stack.extend(getattr(x, "children", ()) or ())
    return "\n".join(out)


def _question_box(ws: page_api.WorksheetPage, qid: str) -> w.Widget:
    return ws.runner.views[qid].box


def test_english_request_rebuilds_the_page_in_english_in_the_same_slots(store, monkeypatch) -> None:
    ws, shown = _run(store, monkeypatch, "taal=en")
    assert current_language() == "en"
    runner = ws.runner
    assert runner.participant is not None  # bound after the rebuild
    assert [runner] == page_api._BUILT  # check and tests see the page that is shown
    # Nothing new was displayed: the slots the Dutch build showed now hold the English parts.
    assert all("pz-slot" in s._dom_classes for s in shown)
    assert shown[0].children == (runner.header.box,)
    assert shown[-1].children == (runner.footer,)
    page = "\n".join(_texts(s) for s in shown)
    en, nl = CATALOGS["en"], CATALOGS["nl"]
    for key in ("header.role", "header.role_placeholder", "footer.title", "likert.5"):
        assert en[key] in page, key
        assert nl[key] not in page, key
    assert "Foster parent" in page  # a role name translated in data/roles.yaml
    # Content an author wrote stays as written.
    assert "Wat is er in jullie gezin veranderd" in page


def test_ids_stay_and_answers_are_stored_language_neutral(store, monkeypatch) -> None:
    nl_ws, _ = _run(store, monkeypatch, None)
    ids = nl_ws.runner.question_ids
    code = nl_ws.runner.code
    likert = nl_ws.runner.views["ruimte-ouders"]
    likert.radio.index = 3  # "Mee eens"
    assert store.answers_for(nl_ws.runner.participant.id, "puberteit")["ruimte-ouders"] == (
        "Mee eens"
    )

    en_ws, _ = _run(store, monkeypatch, f"taal=en&code={code}")
    assert en_ws.runner.question_ids == ids
    view = en_ws.runner.views["ruimte-ouders"]
    assert view.radio.index == 3 and view.radio.value == "Agree"  # the Dutch answer, shown
    view.radio.index = 4
    stored = store.answers_for(en_ws.runner.participant.id, "puberteit")
    assert stored["ruimte-ouders"] == "Helemaal mee eens"  # stored in Dutch, as before


def test_old_widgets_are_closed_and_dutch_pages_are_not_rebuilt(store, monkeypatch) -> None:
    nl_ws, shown = _run(store, monkeypatch, "taal=nl")
    first = shown[0].children[0]
    assert first is nl_ws.runner.header.box and first.comm is not None  # no rebuild
    _run(store, monkeypatch, "taal=xx")  # a language we do not have: stays Dutch
    assert current_language() == "nl"

    built, shown = _run(store, monkeypatch, None)
    before = [slot.children[0] for slot in shown]
    built._rebuild("en")
    assert all(old.comm is None for old in before)  # closed: no models left in the kernel
    assert all(slot.children[0] is not old for slot, old in zip(shown, before, strict=True))


def test_back_link_keeps_the_language_and_the_switch_offers_the_other(store, monkeypatch) -> None:
    ws, _ = _run(store, monkeypatch, "taal=en")
    intro = ws.runner.header.intro.value
    assert re.search(r'class="pz-back" href="[./]*\?taal=en"', intro)
    assert re.search(r'class="pz-lang-switch" href="\?taal=nl"', intro)
    assert 'data-lang="en"' in intro
    set_language(None)
    ws, _ = _run(store, monkeypatch, None)
    intro = ws.runner.header.intro.value
    assert re.search(r'class="pz-back" href="[./]*"', intro)  # the server's language: no ?taal
    assert re.search(r'class="pz-lang-switch" href="\?taal=en"', intro)


def test_every_question_kind_and_tool_page_rebuilds(store, monkeypatch) -> None:
    """Tool pages (panels, charts, composite questions) rebuild without losing a part."""
    for rel in (
        "vakmanschap/mijn-vakmanschap.ipynb",
        "breakdown/netwerkkaart.ipynb",
        "kennis-en-ontwikkeling/wie-weet-wat.ipynb",
        "kennis-en-ontwikkeling/kennisagenda.ipynb",
    ):
        set_language(None)
        dutch, shown_nl = _run(store, monkeypatch, None, rel)
        set_language(None)
        english, shown_en = _run(store, monkeypatch, "taal=en", rel)
        assert english.runner.question_ids == dutch.runner.question_ids, rel
        assert len(shown_en) == len(shown_nl), rel
        assert all(len(s.children) == 1 and s.children[0].comm for s in shown_en), rel
        assert english.runner.participant is not None
