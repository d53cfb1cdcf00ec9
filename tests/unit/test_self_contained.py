"""The repository carries what its tests need: a test that reads a folder beside it (the
workplace's ``shared/``) fails, so a fresh clone elsewhere passes the same tests (issue 18)."""

from __future__ import annotations

from pathlib import Path

from tests import conftest


def test_reading_a_folder_beside_the_repository_is_caught(tmp_path: Path, monkeypatch) -> None:
    beside = tmp_path / "shared"
    (beside / "seeds").mkdir(parents=True)
    (beside / "seeds" / "tekst.txt").write_text("pleegzorg", encoding="utf-8")
    monkeypatch.setattr(conftest, "OUTSIDE", [beside])
    before = len(conftest.OUTSIDE_READS)
    assert (beside / "seeds" / "tekst.txt").read_text(encoding="utf-8") == "pleegzorg"
    listed = [p.name for p in (beside / "seeds").iterdir()]
    caught = conftest.OUTSIDE_READS[before:]
    del conftest.OUTSIDE_READS[before:]  # caught on purpose: this test must not fail for it
    assert listed == ["tekst.txt"]
    assert str(beside / "seeds" / "tekst.txt") in caught
    assert str(beside / "seeds") in caught


def test_the_real_shared_folder_is_watched() -> None:
    assert [conftest.REPO.parent / "shared"] == conftest.OUTSIDE
