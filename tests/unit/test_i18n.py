"""Every Dutch message has an English twin; numbers are written the local way."""

from __future__ import annotations

import string

from pleegzorg_lib.i18n import CATALOGS, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    nl, en = CATALOGS["nl"], CATALOGS["en"]
    assert set(nl) == set(en)
    for key in nl:
        assert _fields(nl[key]) == _fields(en[key]), key


def test_dutch_is_the_default_and_english_works(monkeypatch) -> None:
    assert t("progress", answered=5, total=12) == "5 van 12 beantwoord"
    monkeypatch.setenv("PLEEGZORG_LANG", "en")
    assert t("progress", answered=5, total=12) == "5 of 12 answered"
    monkeypatch.setenv("PLEEGZORG_LANG", "xx")
    assert t("status.saved") == "opgeslagen"


def test_limits_are_written_with_dutch_thousands_separator() -> None:
    text = t("answer.too_long", length=12345, limit=10000)
    assert "12.345" in text and "10.000" in text


def test_a_page_chooses_its_language_from_the_query_string(monkeypatch) -> None:
    from pleegzorg_lib.i18n import current_language, language_from_query, set_language

    assert language_from_query("code=ABCD-EFGH-JKLM&taal=en") == "en"
    assert language_from_query("taal=EN") == "en"
    assert language_from_query("taal=fr") is None  # a language we do not have
    assert language_from_query("") is None and language_from_query(None) is None
    try:
        assert set_language("en") == "en" and t("status.saved") == "saved"
        monkeypatch.setenv("PLEEGZORG_LANG", "nl")
        assert current_language() == "en"  # the page's choice wins over the server's
        assert set_language("xx") == "nl"  # unknown: back to the server's language
    finally:
        set_language(None)


def test_default_likert_labels_are_stored_in_dutch_and_shown_translated() -> None:
    from pleegzorg_lib.content.questions import likert
    from pleegzorg_lib.i18n import display_option, set_language

    try:
        set_language("en")
        q = likert("q", "Stelling")
        assert q.options[3] == "Mee eens"  # the stored value does not depend on the page
        assert display_option(q.options[3]) == "Agree"
        assert display_option("Een eigen optie") == "Een eigen optie"  # content as written
    finally:
        set_language(None)
    assert display_option("Mee eens") == "Mee eens"


def test_data_translations_are_used_in_english_and_unknown_keys_still_refused(
    tmp_path,
) -> None:
    import shutil

    import pytest

    from pleegzorg_lib import config
    from pleegzorg_lib.content import ContentError, load_catalog

    data = tmp_path / "data"
    shutil.copytree(config.data_dir(), data)
    en = load_catalog(data, "en")
    nl = load_catalog(data, "nl")
    assert en.role("pleegouder").name == "Foster parent"
    assert nl.role("pleegouder").name == "Pleegouder"
    # A theme without a translation stays Dutch in English.
    assert en.network("breakdown").themes[0].name == nl.network("breakdown").themes[0].name
    roles = data / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("name_en: Parent", "name_fr: Parent"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="name_fr"):
        load_catalog(data, "en")


def test_the_commands_help_comes_from_the_catalogs() -> None:
    """No help text is written inline in the command line's modules: `pleegzorg --help`
    speaks the server's language (PLEEGZORG_LANG) like every other text."""
    import ast
    import os
    import subprocess
    import sys
    from pathlib import Path

    import pleegzorg_lib

    root = Path(pleegzorg_lib.__file__).parent
    inline = []
    for path in sorted((root / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.keyword)
                and node.arg in ("help", "description")
                and isinstance(node.value, ast.Constant | ast.JoinedStr)
            ):
                inline.append(f"{path.relative_to(root)}:{node.value.lineno}")
    assert inline == []
    env = dict(os.environ, PLEEGZORG_LANG="en")
    english = subprocess.run(
        [sys.executable, "-m", "pleegzorg_lib", "session", "create", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "id of the learning network" in english.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "pleegzorg_lib", "session", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "create a meeting with a join code and links" in " ".join(listing.stdout.split())
