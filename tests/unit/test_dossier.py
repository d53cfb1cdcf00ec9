"""The Kennisdossier: real resources per theme, a forgiving search, and strict loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import ContentError
from pleegzorg_lib.content.dossier import load_dossier
from pleegzorg_lib.model.dossier import RESOURCE_KINDS, Dossier, Resource, fold, search

LEERNETWERKEN = ("breakdown", "netwerkpleegzorg", "gedeeld-opvoederschap", "kennis-en-ontwikkeling")


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(config.data_dir())


def _resource(id: str, **fields: object) -> Resource:
    values: dict[str, object] = {
        "title": id,
        "kind": "publicatie",
        "themes": ("informele-steun",),
        "keywords": (),
        "summary": "",
        "publisher": "NVP",
    }
    values.update(fields)
    return Resource(id=id, **values)  # type: ignore[arg-type]


# -- the data file ---------------------------------------------------------------------------
def test_the_dossier_holds_at_least_fifteen_resources_with_their_sources(dossier) -> None:
    assert len(dossier.resources) >= 15
    for resource in dossier.resources:
        assert resource.kind in RESOURCE_KINDS
        assert resource.publisher.strip(), resource.id
        assert len(resource.summary) > 40, resource.id
        assert resource.url is None or resource.url.startswith("https://"), resource.id


def test_every_theme_of_the_leernetwerken_has_something_to_read(dossier, catalog) -> None:
    filed = {theme for r in dossier.resources for theme in r.themes}
    for network_id in LEERNETWERKEN:
        for theme in catalog.network(network_id).themes:
            assert theme.id in filed, f"{network_id}/{theme.id} has no resource"


def test_the_subjects_named_by_the_kennisnetwerk_are_in_it(dossier) -> None:
    """The seed names the pleegzorgtraject and the Wet herziening kinderbeschermingsmaatregelen."""
    law = dossier.resource("wet-herziening-kinderbeschermingsmaatregelen")
    assert law is not None and law.kind == "wet" and law.year == 2015
    assert dossier.resource("jeugdwet") is not None
    assert search(dossier, "pleegzorgtraject")


def test_pleegzorg_tot_21_is_filed_as_the_agreement_it_is(dossier) -> None:
    """Issue 29: it is a bestuurlijke afspraak (VWS, VNG, Jeugdzorg Nederland, 1 July 2018),
    not a law; the year plan no longer asks what the Jeugdwet says about it."""
    from pleegzorg_lib import config

    tot21 = dossier.resource("pleegzorg-tot-21")
    assert tot21 is not None and tot21.kind == "afspraak" and tot21.year == 2018
    assert "bestuurlijke afspraak" in tot21.summary and "VNG" in tot21.summary
    plan = (config.data_dir() / "plans" / "breakdown.yaml").read_text(encoding="utf-8")
    assert "wat regelt de Jeugdwet" not in plan


# -- search ----------------------------------------------------------------------------------
def test_search_ignores_case_and_accents(dossier) -> None:
    wanted = "wet-herziening-kinderbeschermingsmaatregelen"
    assert [r.id for r in search(dossier, "GEZAGSBEEINDIGENDE")] == [wanted]
    assert [r.id for r in search(dossier, "gezagsbeëindigende")] == [wanted]
    assert fold("Cliëntenraad ÉÉN") == "clientenraad een"


def test_search_finds_publishers_and_keywords(dossier) -> None:
    assert "raad-voor-de-kinderbescherming" in [r.id for r in search(dossier, "screening")]
    ids = [r.id for r in search(dossier, "pleegouderraad")]
    assert {"wmcz-2018", "webinar-medezeggenschap-pleegouderraden"} <= set(ids)


def test_title_hits_come_before_summary_hits() -> None:
    d = Dossier(
        resources=(
            _resource("a", title="Iets anders", summary="Gaat ook over screening."),
            _resource("b", title="Over screening", summary="Kort."),
            _resource("c", title="Niets", keywords=("screening",)),
        )
    )
    assert [r.id for r in search(d, "Screening")] == ["b", "c", "a"]


def test_every_word_must_match_and_theme_filters() -> None:
    d = Dossier(
        resources=(
            _resource("a", title="Puberteit en breakdown", themes=("puberteit",)),
            _resource("b", title="Breakdown voorkomen", themes=("informele-steun",)),
        )
    )
    assert [r.id for r in search(d, "breakdown puberteit")] == ["a"]
    assert [r.id for r in search(d, "breakdown", theme="informele-steun")] == ["b"]
    assert search(d, "bestaat-niet") == []
    assert [r.id for r in search(d, "   ")] == ["b", "a"]  # everything, by title
    assert [r.id for r in search(d, "", theme="puberteit")] == ["a"]


# -- loading ---------------------------------------------------------------------------------
def _data_dir(tmp_path: Path, dossier_text: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(config.data_dir() / "networks", root / "networks")
    shutil.copy(config.data_dir() / "roles.yaml", root / "roles.yaml")
    (root / "kennisdossier.yaml").write_text(dossier_text, encoding="utf-8")
    return root


GOOD = """\
resources:
  - id: jeugdwet
    title: Jeugdwet
    kind: wet
    themes: [weten-en-kunnen]
    summary: Gemeenten zijn verantwoordelijk voor de jeugdhulp.
    publisher: Rijksoverheid
    year: 2015
    url: https://wetten.overheid.nl
"""


def test_a_minimal_dossier_loads(tmp_path: Path) -> None:
    d = load_dossier(_data_dir(tmp_path, GOOD))
    assert d.resources[0].title == "Jeugdwet"
    assert d.resources[0].keywords == ()


@pytest.mark.parametrize(
    ("replace", "by", "line", "field", "words"),
    [
        ("[weten-en-kunnen]", "[weten-en-kunnen, bestaat-niet]", 5, "themes", "bestaat-niet"),
        ("https://wetten.overheid.nl", "javascript:alert(1)", 9, "url", "http"),
        ("https://wetten.overheid.nl", "ftp://wetten.overheid.nl", 9, "url", "https://"),
        ("kind: wet", "kind: roman", 4, "kind", "roman"),
        ("year: 2015", "jaar: 2015", 8, "jaar", "onbekend veld"),
        ("year: 2015", "year: 15", 8, "year", "jaartal"),
    ],
)
def test_mistakes_name_file_line_and_field(
    tmp_path: Path, replace: str, by: str, line: int, field: str, words: str
) -> None:
    root = _data_dir(tmp_path, GOOD.replace(replace, by))
    with pytest.raises(ContentError) as info:
        load_dossier(root)
    err = info.value
    assert err.file == "data/kennisdossier.yaml"
    assert (err.line, err.field.split(".")[-1]) == (line, field)
    assert words in str(err)
    assert "regel" in str(err)  # Dutch


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    text = GOOD + GOOD.split("\n", 1)[1]
    with pytest.raises(ContentError) as info:
        load_dossier(_data_dir(tmp_path, text))
    assert info.value.line == 10 and "jeugdwet" in str(info.value)
