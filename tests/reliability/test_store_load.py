"""Smoke test of benchmarks/store_load.py: a small wave of writer processes on both backends."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:  # spawned workers find the module on the same path
    sys.path.insert(0, str(BENCHMARKS))

from store_load import TABLE_HEADER, run_load  # noqa: E402

pytestmark = pytest.mark.slow

PROCESSES = 4
ANSWERS = 20


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_small_wave_loses_nothing(backend: str, tmp_path: Path, request) -> None:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'load.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    result = run_load(url, PROCESSES, ANSWERS)
    print(f"\n{TABLE_HEADER}\n{result.row()}")
    assert result.errors == 0, result.messages
    assert result.answers_total == PROCESSES * ANSWERS
    assert result.history_rows == result.history_expected == PROCESSES * ANSWERS
    assert result.latest_rows == result.latest_expected == PROCESSES * ANSWERS  # 20 < 30 ids
    assert result.enrolled == PROCESSES
    assert result.rows_ok
    assert 0 < result.percentile(0.5) <= result.percentile(0.95) <= result.percentile(1.0)
