"""The session report and the researchers' CSV: aggregates only, escaped, no names."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from pleegzorg_lib.export import answers_csv, collect_session, md_text, report_html, report_markdown
from pleegzorg_lib.services.sessions import create_session

WS = "informele-steun"
HOSTILE = '<img src=x onerror="window.__pz=1"> =HYPERLINK("http://x") *vet* $x$'


def make_session(store, n: int = 6):
    links = create_session(store, network_id="breakdown", worksheet_id=WS, title="Zwolle")
    code = links.session.code
    for i in range(n):
        person, _ = store.create_participant(role_id="pleegouder", display_name=f"Geheimenaam{i}")
        store.enrol(person.id, WS, code)
        store.save_answer(
            person.id,
            WS,
            "ontmoeting-goed",
            HOSTILE if i == 0 else f"Samen eten {i}",
            session_code=code,
        )
        store.save_answer(person.id, WS, "stap", f"Privé stap {i}", session_code=code)
        store.save_answer(person.id, WS, "contact-vaak", "Maandelijks", session_code=code)
    return links


def test_html_report_escapes_text_and_shows_no_names(store) -> None:
    links = make_session(store)
    page = report_html(collect_session(store, links.session.code))
    assert "&lt;img src=x onerror=" in page and "<img src=x" not in page
    assert "Geheimenaam" not in page
    assert "Privé stap" not in page  # a personal question: counts only
    assert "Maandelijks" in page and "Zwolle" in page
    assert "http" not in page.split("<style>")[0]


def test_markdown_report_makes_participant_text_inert() -> None:
    assert md_text("*vet* [link](http://x) <b>") == r"\*vet\* \[link\](http://x) &lt;b&gt;"
    assert md_text("- geen lijst") == r"\- geen lijst"
    assert md_text("1. geen lijst") == r"1\. geen lijst"
    assert md_text("pleeg-ouder") == "pleeg-ouder"


def test_markdown_report_suppresses_small_groups(store) -> None:
    links = make_session(store, n=4)
    text = report_markdown(collect_session(store, links.session.code))
    assert "Te weinig antwoorden om te tonen" in text
    assert "Samen eten" not in text


def test_csv_is_anonymous_and_safe_for_spreadsheets(store) -> None:
    links = make_session(store)
    data = collect_session(store, links.session.code)
    rows = list(csv.DictReader(io.StringIO(answers_csv(store, data))))
    assert {r["deelnemer"] for r in rows} == {f"P{i}" for i in range(1, 7)}
    assert not any("Geheimenaam" in v or "Privé" in v for r in rows for v in r.values())
    hostile = [r["antwoord"] for r in rows if "HYPERLINK" in r["antwoord"]]
    assert hostile and not hostile[0].startswith("=")
    assert {r["rol"] for r in rows} == {"pleegouder"}


def test_cli_creates_a_session_and_exports_its_report(tmp_path, db_path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pleegzorg_lib",
            "session",
            "create",
            "--network",
            "breakdown",
            "--worksheet",
            WS,
            "--title",
            "Bijeenkomst <1>",
            "--date",
            "2026-12-01",
            "--expect",
            "25",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    code = out.split("Deelnamecode: ")[1].split()[0]
    assert f"sessie={code}" in out and "sleutel=" in out
    assert "25 kernels warm" in out
    refused = subprocess.run(  # nobody answered yet: no CSV of answers (k = 5)
        [sys.executable, "-m", "pleegzorg_lib", "export", "session", code, "--format", "csv"]
        + ["-o", str(tmp_path / "leeg.csv")],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "vanaf 5 deelnemers" in refused.stderr
    assert not (tmp_path / "leeg.csv").exists()
    for fmt in ("html", "md", "pdf"):
        target = tmp_path / f"verslag.{fmt}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pleegzorg_lib",
                "export",
                "session",
                code,
                "--format",
                fmt,
                "-o",
                str(target),
            ],
            check=True,
            capture_output=True,
        )
        assert target.stat().st_size > 0
    assert (tmp_path / "verslag.pdf").read_bytes().startswith(b"%PDF")
    assert "Bijeenkomst &lt;1&gt;" in (tmp_path / "verslag.html").read_text()
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "pleegzorg_lib",
            "export",
            "session",
            "ZZZZZZ",
            "-o",
            str(tmp_path / "x.html"),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "Onbekende sessiecode" in bad.stderr
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "pleegzorg_lib",
            "session",
            "create",
            "--network",
            "breakdown",
            "--worksheet",
            "veilig-in-de-familie",
        ],
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "hoort bij netwerk" in wrong.stderr


def test_reports_count_what_they_list_number_only_questions_and_write_decimal_commas(
    store,
) -> None:
    """Issue 26: a hidden answer is said, not silently missing from the count; polls have a
    section of their own (not "12." after the worksheet's questions); Dutch decimals."""
    from pleegzorg_lib.i18n import decimal

    links = make_session(store, n=7)  # 7: every answer published (steps of two beyond 5)
    code = links.session.code
    people = sorted(store.session_participants(code))
    for i, person in enumerate(people):  # scores 3, 4, 3, 4, 3, 4, 3: mean 3,4
        store.save_answer(person, WS, "steun-cijfer", 3 + i % 2, session_code=code)
    store.set_hidden(code, people[0], "ontmoeting-goed", True)
    poll = store.launch_poll(code, prompt="Hoe was de koffie?", options=("Goed", "Slecht"))
    for person in people:
        store.answer_poll(poll.id, person, "Goed")
    data = collect_session(store, code)
    md = report_markdown(data)
    page = report_html(data)
    for text in (md, page.split("</style>", 1)[1]):
        assert "7 antwoorden, waarvan 1 verborgen door de gespreksleider" in text
        assert "Gemiddeld: 3,4" in text
        assert "3.4" not in text
    listed = [line for line in md.splitlines() if line.startswith("- ")]
    assert len([line for line in listed if "Samen eten" in line or "img" in line]) == 6
    numbered = [line for line in md.splitlines() if line.startswith("## ") and ". " in line]
    assert len(numbered) == len(data.summary.questions)
    assert "### Hoe was de koffie?" in md.split("## Peilingen", 1)[1]
    assert decimal(1234.56, "nl") == "1.234,6" and decimal(1234.56, "en") == "1,234.6"


def test_the_research_csv_has_no_rows_below_k(store) -> None:
    """Issue 27 (hole 4): one participant's answers, row by row, while the live view said
    "Te weinig antwoorden". Below 5 respondents: the header only, and the report tab offers
    no CSV but says why."""
    from pleegzorg_lib.export import csv_allowed
    from pleegzorg_lib.pages.facilitator import open_live_view

    links = make_session(store, n=1)
    data = collect_session(store, links.session.code)
    assert not csv_allowed(store, data)
    rows = list(csv.reader(io.StringIO(answers_csv(store, data))))
    assert len(rows) == 1 and "Samen eten" not in answers_csv(store, data)
    view = open_live_view(links.facilitator_url.split("?", 1)[1], store=store)
    assert view is not None
    view.report.render(data)
    assert "antwoorden-" not in view.report.report.value
    assert "vanaf 5 deelnemers" in view.report.report.value
    links = make_session(store, n=5)
    data = collect_session(store, links.session.code)
    assert csv_allowed(store, data)
    assert len(list(csv.reader(io.StringIO(answers_csv(store, data))))) > 5


def test_the_report_holds_the_networks_polls_with_k_and_escaped(store) -> None:
    """The network's polls that run for days are in the session report (HTML and Markdown):
    the result from 5 voters over the first 5+2k votes, below that only that there were too
    few; a poll's text is escaped like any participant text."""
    from datetime import UTC, datetime, timedelta

    links = make_session(store)
    week = datetime.now(UTC) + timedelta(days=7)
    few = store.add_network_poll("breakdown", "Vier stemmen?", ["Ja", "Nee"], "mod", week)
    enough = store.add_network_poll("breakdown", HOSTILE, ["Logeren", "School"], "mod", week)
    other = store.add_network_poll("vakmanschap", "Ander netwerk", ["a", "b"], "mod", week)
    for n in range(6):
        voter, _code = store.create_participant()
        if n < 4:
            store.vote_network_poll(few, voter.id, 0)
        store.vote_network_poll(enough, voter.id, 0 if n < 3 else 1)  # the 6th: School
        store.vote_network_poll(other, voter.id, 0)
    data = collect_session(store, links.session.code)
    page = report_html(data)
    section = page.split('class="pz-report-network-polls"')[1]
    assert "Peilingen van het netwerk" in page
    assert "Ander netwerk" not in page  # only this session's network
    assert "&lt;img src=x" in section and "<img src=x" not in section
    # 6 voters: the first 5 are summarised (3 Logeren, 2 School), so the 6th is not read off
    assert "Logeren: 60%" in section and "School: 40%" in section
    assert "Vier stemmen?" in section and "Minder dan 5 stemmen" in section
    assert "Ja: " not in section
    text = report_markdown(data)
    assert "## Peilingen van het netwerk" in text
    assert "- Logeren: 60%" in text and "<img" not in text
    assert "Minder dan 5 stemmen: de uitslag wordt niet getoond." in text
