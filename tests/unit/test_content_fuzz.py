"""Whatever an author types into data/, the loader answers with its own clear error or a
catalog — never a traceback from deep inside (hypothesis mutates the real files)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pleegzorg_lib.content import ContentError, load_catalog

from ..conftest import REPO

FILES = ["roles.yaml", "networks/breakdown.yaml", "networks/netwerkpleegzorg.yaml"]
YAML_BITS = st.sampled_from(
    [
        ":",
        "- ",
        "  ",
        "\n",
        "id: x",
        "name:",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "&a",
        "*a",
        "!!python/object:os.system",
        "themes: 3",
        "id: Hoofdletter",
        "meetings_per_year: -",
        "\t",
        "#",
        "---",
        "…",
        "\x00",
        "ë",
    ]
)


def _mutate(text: str, cut: int, insert: str) -> str:
    cut = cut % (len(text) + 1)
    return text[:cut] + insert + text[cut:]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    file=st.sampled_from(FILES),
    edits=st.lists(
        st.tuples(st.integers(0, 5000), YAML_BITS | st.text(max_size=8)), min_size=1, max_size=4
    ),
    drop=st.integers(0, 3000),
)
def test_loader_only_ever_raises_its_own_error(tmp_path_factory, file, edits, drop) -> None:
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(REPO / "data", data, dirs_exist_ok=True)
    path: Path = data / file
    text = path.read_text(encoding="utf-8")
    if drop % 3 == 0:
        start = drop % max(len(text), 1)
        text = text[:start] + text[start + 40 :]
    for cut, insert in edits:
        text = _mutate(text, cut, insert)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        catalog = load_catalog(data)
    except ContentError as exc:
        message = str(exc)
        assert message.startswith("Fout in ") and ", regel " in message
        assert exc.line >= 1 and exc.file
        return
    assert catalog.networks and catalog.roles  # still a usable catalog


@settings(max_examples=60, deadline=None)
@given(garbage=st.binary(min_size=1, max_size=200))
def test_binary_garbage_gets_a_clear_error(tmp_path_factory, garbage: bytes) -> None:
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(REPO / "data", data, dirs_exist_ok=True)
    (data / "networks" / "breakdown.yaml").write_bytes(garbage)
    try:
        load_catalog(data)
    except ContentError as exc:
        assert "networks/breakdown.yaml" in exc.file


def test_missing_roles_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "data" / "roles.yaml").unlink()
    try:
        load_catalog(tmp_path / "data")
    except ContentError as exc:
        assert exc.file.endswith("roles.yaml") and "ontbreekt" in str(exc)
    else:
        raise AssertionError("a missing roles.yaml must be reported")
