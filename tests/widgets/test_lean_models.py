"""Widgets without their own layout or style share one per kernel (issue 6: fewer models)."""

from __future__ import annotations

import ipywidgets as w
import nbformat
import pytest

from pleegzorg_lib import config
from pleegzorg_lib.pages import worksheet as page_api
from pleegzorg_lib.widgets._lean import SharedModelError, share_default_models


@pytest.fixture(autouse=True)
def _a_page_kernel() -> None:
    share_default_models()  # what worksheet() and the facilitator pages do in their kernel


def test_importing_the_library_changes_nothing_in_an_authors_kernel() -> None:
    """An author's JupyterLab kernel imports pleegzorg_lib with widgets of its own: their
    layouts stay theirs to change (issue 31: the import made every default layout shared
    and frozen, so ``layout.display = "none"`` raised)."""
    import subprocess
    import sys

    code = (
        "import ipywidgets as w\n"
        "import pleegzorg_lib, pleegzorg_lib.widgets, pleegzorg_lib.pages.worksheet\n"
        "a, b = w.VBox([]), w.VBox([])\n"
        "a.layout.display = 'none'\n"
        "assert a.layout is not b.layout and b.layout.display is None\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_defaults_are_shared_and_explicit_ones_stay_own() -> None:
    a, b = w.HTML("a"), w.HTML("b")
    assert a.layout is b.layout and a.style is b.style
    assert w.Button().style is w.Button().style
    assert w.Button().style is not a.style  # one per kind: a ButtonStyle is no HTMLStyle
    own = w.HTML("c", layout=w.Layout(display="none"))
    assert own.layout is not a.layout and own.layout.display == "none"
    styled = w.ToggleButtons(options=["1", "2"], style={"button_width": "2em"})
    assert styled.style.button_width == "2em" and styled.style is not w.ToggleButtons().style


def test_changing_a_shared_default_fails_loudly_instead_of_changing_every_widget() -> None:
    box = w.VBox([])
    with pytest.raises(SharedModelError, match="layout="):
        box.layout.display = "none"
    assert w.VBox([]).layout.display is None  # nothing else was hidden
    box.layout = w.Layout(display="none")  # the way to do it: a layout of its own
    assert box.layout.display == "none" and w.VBox([]).layout.display is None


def test_a_worksheet_page_has_few_models(store, monkeypatch) -> None:
    """informele-steun (11 questions) had 330 models before sharing; fewer models mean less
    memory per kernel and less to send when the page opens."""
    monkeypatch.setattr(page_api, "_default_store", lambda: store)
    monkeypatch.setattr(page_api, "display", lambda *_a, **_k: None)
    monkeypatch.setattr(page_api, "_BUILT", [])
    before = set(w.widgets.widget._instances)
    nb = nbformat.read(config.workbooks_dir() / "breakdown/informele-steun.ipynb", as_version=4)
    namespace: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "informele-steun", "exec"), namespace)  # noqa: S102
    new = set(w.widgets.widget._instances) - before
    assert len(new) <= 200, len(new)
