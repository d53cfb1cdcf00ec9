"""The landing page finds a visitor's way: who they are, a search, the networks' homes."""

from __future__ import annotations

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content.catalog import load_catalog
from pleegzorg_lib.content.workbooks import load_worksheet_index
from pleegzorg_lib.server.landing import VISITORS, find_worksheets, render_landing


@pytest.fixture(scope="module")
def content():
    catalog = load_catalog(config.data_dir())
    return catalog, load_worksheet_index(config.workbooks_dir(), catalog)


def test_every_role_of_the_catalog_but_other_is_one_of_the_visitors(content) -> None:
    catalog, _ = content
    covered = {role for _, roles in VISITORS for role in roles}
    assert {r.id for r in catalog.roles} - covered == {"anders"}


def test_a_young_person_sees_only_the_sheets_meant_for_them(content) -> None:
    catalog, sheets = content
    mine = find_worksheets(sheets, catalog, visitor="pleegjongere")
    assert mine and all("pleegjongere" in w.audience for w in mine)
    assert len(mine) < len(sheets) / 2
    assert "wie-is-er-voor-mij" in {w.id for w in mine}


def test_search_ignores_case_and_accents_and_needs_every_word(content) -> None:
    catalog, sheets = content
    found = find_worksheets(sheets, catalog, words="PUBERTEIT")
    assert {w.id for w in found} >= {"puberteit"}
    assert find_worksheets(sheets, catalog, words="puberteit zzzonzin") == []
    assert find_worksheets(sheets, catalog, words="cliënt") == find_worksheets(
        sheets, catalog, words="client"
    )


def test_the_page_lists_the_networks_homes_and_escapes_the_search(content) -> None:
    catalog, sheets = content
    full = render_landing(catalog, sheets)
    for network in catalog.networks:
        assert f'href="/voila/netwerk/{network.id}"' in full
    found = render_landing(catalog, sheets, words="<script>x</script> puberteit")
    assert "<script>x" not in found and "&lt;script&gt;x&lt;/script&gt;" in found
    assert "0 werkbladen" in found and "Alle werkbladen tonen" in found
    youth = render_landing(catalog, sheets, visitor="pleegjongere")
    assert "Werkbladen voor jou als pleegjongere" in youth
    assert len(youth) < len(full) / 2
    assert render_landing(catalog, sheets, visitor="koning") == full  # unknown: everything


def test_cached_content_is_read_again_when_its_file_changes(tmp_path) -> None:
    import os

    from pleegzorg_lib.server.home_content import fresh

    source = tmp_path / "plan.yaml"
    source.write_text("een")
    reads: list[str] = []

    def load() -> str:
        reads.append(source.read_text())
        return reads[-1]

    assert fresh("test-plan", [source], load) == "een"
    assert fresh("test-plan", [source], load) == "een"
    assert reads == ["een"]  # the second view did not read the file
    source.write_text("twee")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert fresh("test-plan", [source], load) == "twee"
