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
