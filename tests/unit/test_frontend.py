"""The page's own front end (frontend/): the committed bundle is built from the committed
sources, names the files the template asks for, and can draw every widget our pages make."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import brotli
import ipywidgets as w

from pleegzorg_lib.server.frontend import BUNDLE_DIR, TEMPLATE_DIR, manifest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"


def _source_hash(sources: list[str]) -> str:
    """The same hash frontend/build.mjs records (path, NUL, content, NUL for each source)."""
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.encode() + b"\0")
        digest.update((ROOT / path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def test_committed_bundle_is_built_from_the_committed_sources() -> None:
    built = manifest()
    listed = set(built["sources"])
    for path in sorted((FRONTEND / "src").iterdir()):
        assert f"frontend/src/{path.name}" in listed, f"{path.name} is not in the build's sources"
    assert _source_hash(built["sources"]) == built["sources_sha256"], (
        "the front end's sources changed since the bundle was built: run `make frontend` "
        "and commit the new files in pleegzorg_lib/server/.../static/page/"
    )


def test_template_asks_for_the_built_files_and_their_compressed_copies_match() -> None:
    built = manifest()
    assets = (TEMPLATE_DIR / "page_assets.html.j2").read_text(encoding="utf-8")
    for kind in ("js", "css"):
        name = built[kind]
        assert re.fullmatch(r"page\.[A-Z0-9]{8}\.(js|css)", name)
        assert f"static/page/{name}" in assets
        body = (BUNDLE_DIR / name).read_bytes()
        assert gzip.decompress((BUNDLE_DIR / f"{name}.gz").read_bytes()) == body
        assert brotli.decompress((BUNDLE_DIR / f"{name}.br").read_bytes()) == body
    # nothing else lies there: old bundles are removed by the build
    expected = {"frontend.json"} | {
        built[k] + suffix for k in ("js", "css") for suffix in ("", ".gz", ".br")
    }
    assert {p.name for p in BUNDLE_DIR.iterdir()} == expected


def _bundled_classes() -> dict[str, set[str]]:
    """Widget classes frontend/src/controls.js hands to the manager, per module."""
    source = (FRONTEND / "src" / "controls.js").read_text(encoding="utf-8")
    table = source.split("export const MODULES", 1)[1]
    found: dict[str, set[str]] = {}
    for module, body in re.findall(r'"(@jupyter-widgets/[a-z]+)": \{(.*?)\}', table, re.S):
        found[module] = set(re.findall(r"[A-Za-z]+", body))
    return found


def _widget_classes_used() -> set[type]:
    """Every ipywidgets class the package refers to as ``w.Name`` (pages, tools, facilitator),
    with the layout and style classes they bring."""
    names: set[str] = set()
    for path in (ROOT / "pleegzorg_lib").rglob("*.py"):
        names.update(re.findall(r"\bw\.([A-Z][A-Za-z]+)\b", path.read_text(encoding="utf-8")))
    classes = {getattr(w, n) for n in names if isinstance(getattr(w, n, None), type)}
    widgets = {c for c in classes if issubclass(c, w.Widget)}
    for cls in list(widgets):
        for trait in ("layout", "style"):
            klass = getattr(cls.class_traits().get(trait), "klass", None)
            if isinstance(klass, type):
                widgets.add(klass)
    return widgets


def test_every_widget_our_pages_make_can_be_drawn_by_the_bundle() -> None:
    bundled = _bundled_classes()
    missing = []
    used = _widget_classes_used()
    assert w.Textarea in used and w.ToggleButtonsStyle in used  # the scan finds real use
    for cls in used:
        traits = cls.class_traits()
        for kind in ("model", "view"):
            module = traits[f"_{kind}_module"].default_value
            name = traits[f"_{kind}_name"].default_value
            if name and name not in bundled.get(module, set()):
                missing.append(f"{module}.{name} ({cls.__name__})")
    assert not missing, f"not in frontend/src/controls.js: {sorted(missing)}"


def test_front_end_texts_come_in_every_language() -> None:
    from pleegzorg_lib.server.frontend import page_resources

    messages = page_resources()["messages"]
    assert set(messages) == {"nl", "en"}
    assert messages["nl"]["connectionLost"].startswith("Verbinding weg")
    assert all(text.strip() for catalog in messages.values() for text in catalog.values())
    assert json.dumps(messages)  # travels as JSON in the page
