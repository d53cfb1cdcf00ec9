"""The research data as Excel and SPSS (issue 30): read back with openpyxl, pandas and
pyreadstat and compared with the CSV; hostile text survives intact and is never a formula."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pyreadstat
from openpyxl import load_workbook

from pleegzorg_lib.export import answers_csv, collect_session
from pleegzorg_lib.export.research import answers_sav, answers_xlsx, spss_name
from pleegzorg_lib.services.sessions import create_session

WS = "informele-steun"
HOSTILE = '=1+1 <img src=x onerror="window.__pz=1"> é ü ‘quote’ \U0001f600'
LIKERT = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def make_session(store, n: int = 6):
    links = create_session(store, network_id="breakdown", worksheet_id=WS, title="Zwolle")
    code = links.session.code
    for i in range(n):
        person, _ = store.create_participant(role_id="pleegouder", display_name=f"Geheimenaam{i}")
        store.enrol(person.id, WS, code)
        answer = HOSTILE if i == 0 else f"Samen eten {i}"
        store.save_answer(person.id, WS, "ontmoeting-goed", answer, session_code=code)
        store.save_answer(person.id, WS, "stap", f"Privé stap {i}", session_code=code)
        store.save_answer(person.id, WS, "contact-vaak", "Maandelijks", session_code=code)
        store.save_answer(person.id, WS, "steun-genoeg", LIKERT[i % 5], session_code=code)
        store.save_answer(person.id, WS, "steun-cijfer", i + 3, session_code=code)
    return collect_session(store, links.session.code)


def csv_rows(store, data) -> list[list[str]]:
    return list(csv.reader(io.StringIO(answers_csv(store, data))))


def test_the_excel_file_holds_the_csvs_rows_as_text_and_the_questions(store) -> None:
    data = make_session(store)
    book = load_workbook(io.BytesIO(answers_xlsx(store, data)))
    assert book.sheetnames == [WS, "Vragen"]
    sheet = book[WS]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    expected = csv_rows(store, data)
    assert rows[0] == expected[0] == ["deelnemer", "rol", "vraag", "soort", "antwoord"]
    assert len(rows) == len(expected) > 1
    for got, want in zip(rows[1:], expected[1:], strict=True):
        # the CSV neutralises a leading "=" with an apostrophe; Excel keeps it as text
        assert [str(v) for v in got] == [*want[:4], want[4].removeprefix("'")]
    hostile = [c for c in sheet["E"] if c.value == HOSTILE]
    assert len(hostile) == 1 and hostile[0].data_type == "s"  # text, never a formula
    assert not any(str(c.value).startswith("Privé") for c in sheet["E"])  # personal: out
    assert "Geheimenaam" not in str(rows)
    questions = [[c.value for c in row] for row in book["Vragen"].iter_rows()]
    assert questions[0] == ["vraag", "soort", "tekst", "opties"]
    assert questions[[q[0] for q in questions].index("contact-vaak")][:2] == [
        "contact-vaak",
        "single_choice",
    ]
    frame = pd.read_excel(io.BytesIO(answers_xlsx(store, data)), sheet_name=WS, dtype=str)
    assert frame["antwoord"].tolist().count(HOSTILE) == 1


def test_the_spss_file_has_a_case_per_person_with_labelled_codes(store) -> None:
    data = make_session(store)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.sav"
        path.write_bytes(answers_sav(store, data))
        frame, meta = pyreadstat.read_sav(str(path))
    assert frame["deelnemer"].tolist() == [f"P{i}" for i in range(1, 7)]
    assert set(frame["rol"]) == {"pleegouder"}
    likert = spss_name("steun-genoeg")
    assert likert == "steun_genoeg"
    assert meta.variable_value_labels[likert] == {float(i): o for i, o in enumerate(LIKERT, 1)}
    assert meta.column_names_to_labels[likert].startswith("Ik heb genoeg mensen")
    # P1 … follow the participants' random ids, not the order they came in
    assert sorted(frame[likert].tolist()) == [1.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert sorted(frame[spss_name("steun-cijfer")].tolist()) == [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    assert frame[spss_name("contact-vaak")].tolist() == [2.0] * 6
    assert frame[spss_name("ontmoeting-goed")].tolist().count(HOSTILE) == 1  # intact
    assert "stap" not in frame.columns  # a personal open question is never exported
    # the same answers as the CSV, per person and question
    long = {(r[0], r[2]): r[4].removeprefix("'") for r in csv_rows(store, data)[1:]}
    for _, case in frame.iterrows():
        person = case["deelnemer"]
        assert str(case[spss_name("ontmoeting-goed")]) == long[(person, "ontmoeting-goed")]
        assert LIKERT[int(case[likert]) - 1] == long[(person, "steun-genoeg")]
        assert str(int(case[spss_name("steun-cijfer")])) == long[(person, "steun-cijfer")]


def test_below_k_the_files_hold_no_answers(store) -> None:
    data = make_session(store, n=4)
    book = load_workbook(io.BytesIO(answers_xlsx(store, data)))
    assert book[WS].max_row == 1  # the header only
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.sav"
        path.write_bytes(answers_sav(store, data))
        frame, _meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 0


def test_the_cli_writes_both_files_and_refuses_below_k(store, tmp_path) -> None:
    import subprocess
    import sys

    data = make_session(store)
    code = data.session.code
    for fmt in ("xlsx", "sav"):
        target = tmp_path / f"antwoorden.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "pleegzorg_lib", "export", "session", code]
            + ["--format", fmt, "-o", str(target)],
            check=True,
            capture_output=True,
        )
    rows = [
        [c.value for c in r] for r in load_workbook(tmp_path / "antwoorden.xlsx")[WS].iter_rows()
    ]
    assert len(rows) == len(csv_rows(store, data)) > 1
    frame, _meta = pyreadstat.read_sav(str(tmp_path / "antwoorden.sav"))
    assert frame["deelnemer"].tolist() == [f"P{i}" for i in range(1, 7)]
    small = make_session(store, n=2)
    refused = subprocess.run(
        [sys.executable, "-m", "pleegzorg_lib", "export", "session", small.session.code]
        + ["--format", "sav", "-o", str(tmp_path / "leeg.sav")],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "vanaf 5 deelnemers" in refused.stderr
    assert not (tmp_path / "leeg.sav").exists()
