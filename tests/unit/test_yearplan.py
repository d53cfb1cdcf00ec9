"""The year plan: plan files per network, a valid .ics, the ``plan`` command, loader errors."""

from __future__ import annotations

import argparse
import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.cli.plan import add_plan_parser, format_plan
from pleegzorg_lib.content import ContentError, load_catalog
from pleegzorg_lib.content.yearplan import load_plan, plan_networks, when_text
from pleegzorg_lib.export.calendar import escape_text, fold_line, plan_ics, to_ics
from pleegzorg_lib.model.yearplan import AgendaItem, PlannedMeeting, WorksheetLink, YearPlan

LEERNETWERKEN = ("breakdown", "netwerkpleegzorg", "gedeeld-opvoederschap", "kennis-en-ontwikkeling")
STAMP = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


# -- the plan files ---------------------------------------------------------------------------
@pytest.mark.parametrize("network_id", LEERNETWERKEN)
def test_each_leernetwerk_meets_six_or_seven_times_mostly_online(network_id, catalog) -> None:
    plan = load_plan(config.data_dir(), network_id, catalog=catalog)
    assert plan.network_id == network_id and plan.year == 2027
    assert 6 <= len(plan.meetings) <= 7
    assert plan.online_count > len(plan.meetings) / 2
    assert sorted(m.minutes for m in plan.meetings)[len(plan.meetings) // 2] == 90
    assert all(m.agenda for m in plan.meetings)
    assert any(item.worksheet for m in plan.meetings for item in m.agenda)
    assert [m.starts for m in plan.meetings] == sorted(m.starts for m in plan.meetings)


def test_every_plan_file_loads(catalog) -> None:
    for network_id in plan_networks(config.data_dir()):
        load_plan(config.data_dir(), network_id, catalog=catalog)


def test_dates_are_written_the_dutch_way(catalog) -> None:
    plan = load_plan(config.data_dir(), "breakdown", catalog=catalog)
    assert when_text(plan.meetings[0]) == "dinsdag 2 februari 2027, 19.30–21.00"
    assert when_text(plan.meetings[0], "en") == "Tuesday 2 February 2027, 19:30–21:00"


# -- iCalendar --------------------------------------------------------------------------------
def _plan() -> YearPlan:
    link = WorksheetLink(
        id="informele-steun", title="Steun", path="breakdown/informele-steun.ipynb"
    )
    return YearPlan(
        network_id="breakdown",
        year=2027,
        meetings=(
            PlannedMeeting(
                id="winter",
                title="Steun; samen, thuis\\weg",
                date=date(2027, 2, 2),
                start=time(19, 30),
                agenda=(
                    AgendaItem(text="Kennismaken.\nWie zit er aan tafel?"),
                    AgendaItem(text="Werkblad", worksheet=link),
                    AgendaItem(text="Één lange regel met accenten: " + "é–ë " * 30),
                ),
            ),
            PlannedMeeting(
                id="zomer",
                title="Samen in Utrecht",
                date=date(2027, 6, 24),
                start=time(14, 0),
                minutes=120,
                online=False,
                location="Utrecht",
                agenda=(AgendaItem(text="Ontmoeten"),),
            ),
        ),
    )


def _unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: CRLF followed by one space or tab continues the previous line."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _events(lines: list[str]) -> list[dict[str, str]]:
    events, current, stack = [], None, []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            current[name] = value
    assert not stack
    return events


def test_the_ics_is_crlf_folded_at_75_octets_and_balanced(catalog) -> None:
    text = to_ics(_plan(), catalog, "https://pz.example.nl/", stamp=STAMP)
    raw = text.encode("utf-8")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare LF or CR
    for physical in raw.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # a fold never splits a character
    lines = _unfold(text)
    assert lines[:3] == [
        "BEGIN:VCALENDAR",
        "PRODID:-//pleegzorg werkboeken//pleegzorg_lib//NL",
        "VERSION:2.0",
    ]
    assert lines[-1] == "END:VCALENDAR"
    assert any(line.startswith(" ") for line in text.split("\r\n"))  # something was folded
    assert "TZID:Europe/Amsterdam" in lines and "BEGIN:VTIMEZONE" in lines


def test_events_carry_uid_times_in_amsterdam_and_escaped_text(catalog) -> None:
    events = _events(_unfold(to_ics(_plan(), catalog, "https://pz.example.nl/", stamp=STAMP)))
    assert len(events) == 2
    first, second = events
    assert first["UID"] == "breakdown-2027-winter@pleegzorg-werkboeken"
    assert len({e["UID"] for e in events}) == 2
    assert first["DTSTAMP"] == "20261124T090000Z"
    assert first["DTSTART;TZID=Europe/Amsterdam"] == "20270202T193000"
    assert first["DTEND;TZID=Europe/Amsterdam"] == "20270202T210000"
    assert second["DTEND;TZID=Europe/Amsterdam"] == "20270624T160000"
    assert first["SUMMARY"] == r"Leernetwerk breakdown: Steun\; samen\, thuis\\weg"
    assert _unescape(first["SUMMARY"]) == "Leernetwerk breakdown: Steun; samen, thuis\\weg"
    description = _unescape(first["DESCRIPTION"])
    assert "Kennismaken.\nWie zit er aan tafel?" in description
    assert (
        "Werkblad: Steun – https://pz.example.nl/voila/render/breakdown/informele-steun.ipynb"
        in description
    )
    assert first["LOCATION"] == "Online" and second["LOCATION"] == "Utrecht"


def test_escaping_and_folding_helpers() -> None:
    assert escape_text('a,b;c\\d\r\ne"') == 'a\\,b\\;c\\\\d\\ne"'
    folded = fold_line("X" * 200)
    assert [len(p) for p in folded.split("\r\n")] == [75, 75, 52]
    assert "".join(p.removeprefix(" ") for p in folded.split("\r\n")) == "X" * 200
    accented = fold_line("é" * 100)  # two octets each
    assert all(len(p.encode()) <= 75 for p in accented.split("\r\n"))


def test_the_icalendar_package_reads_the_file(catalog) -> None:
    icalendar = pytest.importorskip("icalendar")
    plan = load_plan(config.data_dir(), "breakdown", catalog=catalog)
    calendar = icalendar.Calendar.from_ical(plan_ics(plan, catalog, "https://pz.example.nl"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan.meetings)
    summer = next(e for e in events if "Puberteit in het pleeggezin" in str(e["SUMMARY"]))
    start = summer.decoded("DTSTART")
    assert (start.hour, start.minute) == (19, 30)
    assert start.utcoffset().total_seconds() == 2 * 3600  # CEST in June
    winter = events[0].decoded("DTSTART")
    assert winter.utcoffset().total_seconds() == 3600  # CET in February
    assert "voila/render/breakdown/puberteit.ipynb" in str(summer["DESCRIPTION"])


# -- the command --------------------------------------------------------------------------
def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pleegzorg")
    add_plan_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_plan_command_prints_the_plan_with_attendance_and_writes_ics(
    tmp_path: Path, store, capsys
) -> None:
    a, _ = store.create_participant()
    b, _ = store.create_participant()
    for person in (a, b):
        store.record_attendance(person.id, "breakdown", "informele-steun", True)
    store.record_attendance(a.id, "breakdown", "aftrap", True)
    target = tmp_path / "breakdown.ics"
    code = _run(["plan", "breakdown", "--ics", str(target), "--base-url", "https://pz.nl/"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Leernetwerk breakdown: jaarplan 2027" in out
    assert "7 bijeenkomsten van ongeveer 90 minuten, waarvan 6 online." in out
    assert "1. dinsdag 2 februari 2027, 19.30–21.00 · online" in out
    assert "donderdag 11 november 2027, 14.00–16.00 · Utrecht" in out
    assert "https://pz.nl/voila/render/breakdown/informele-steun.ipynb" in out
    blocks = out.split("\n\n")
    aftrap = next(b for b in blocks if "[aftrap]" in b)
    steun = next(b for b in blocks if "[informele-steun]" in b)
    assert "Aanwezig (volgens de deelnemers): 1" in aftrap
    assert "Aanwezig (volgens de deelnemers): 2" in steun
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.count(b"BEGIN:VEVENT") == 7
    assert str(target) in out


def test_plan_command_refuses_an_unknown_network(capsys) -> None:
    assert _run(["plan", "bestaat-niet"]) == 2
    err = capsys.readouterr().err
    assert "Onbekend leernetwerk 'bestaat-niet'" in err and "breakdown" in err


# -- loading mistakes -------------------------------------------------------------------------
GOOD = """\
network_id: breakdown
year: 2027
meetings:
  - id: aftrap
    title: Aftrap
    date: 2027-02-02
    start: "19:30"
    agenda:
      - text: Kennismaken
      - text: Werkblad invullen
        worksheet: informele-steun
"""


def _data_dir(tmp_path: Path, plan_text: str, network: str = "breakdown") -> Path:
    root = tmp_path / "data"
    shutil.copytree(config.data_dir() / "networks", root / "networks")
    shutil.copy(config.data_dir() / "roles.yaml", root / "roles.yaml")
    (root / "plans").mkdir()
    (root / "plans" / f"{network}.yaml").write_text(plan_text, encoding="utf-8")
    return root


def test_a_minimal_plan_loads_with_its_worksheet_resolved(tmp_path: Path) -> None:
    plan = load_plan(_data_dir(tmp_path, GOOD), "breakdown")
    (meeting,) = plan.meetings
    assert (meeting.minutes, meeting.online, meeting.location) == (90, True, "")
    link = meeting.agenda[1].worksheet
    assert link is not None and link.path == "breakdown/informele-steun.ipynb"
    assert link.title == "Steun van andere pleegouders"


@pytest.mark.parametrize(
    ("replace", "by", "line", "field", "words"),
    [
        ("worksheet: informele-steun", "worksheet: bestaat-niet", 11, "worksheet", "bestaat-niet"),
        ("network_id: breakdown", "network_id: puberteit", 1, "network_id", "hoort bij"),
        ("date: 2027-02-02", "date: 2028-02-02", 6, "date", "valt niet in het jaar"),
        ("date: 2027-02-02", "date: 2 februari", 6, "date", "JJJJ-MM-DD"),
        ('start: "19:30"', "start: 19:30", 7, "start", "aanhalingstekens"),
        ('start: "19:30"', 'start: "25:00"', 7, "start", "UU:MM"),
        ('start: "19:30"', 'start: "19:30"\n    online: false', 4, "location", "ontbreekt"),
        ('start: "19:30"', 'start: "19:30"\n    minutes: 5', 8, "minutes", "minuten"),
        ("title: Aftrap", "title: Aftrap\n    plaats: Utrecht", 6, "plaats", "onbekend veld"),
    ],
)
def test_mistakes_name_file_line_and_field_in_dutch(
    tmp_path: Path, replace: str, by: str, line: int, field: str, words: str
) -> None:
    root = _data_dir(tmp_path, GOOD.replace(replace, by))
    with pytest.raises(ContentError) as info:
        load_plan(root, "breakdown")
    err = info.value
    assert err.file == "data/plans/breakdown.yaml"
    assert (err.line, err.field.split(".")[-1]) == (line, field), str(err)
    assert words in str(err)


def test_a_missing_plan_or_network_is_a_clear_error(tmp_path: Path) -> None:
    root = _data_dir(tmp_path, GOOD)
    with pytest.raises(ContentError, match="het bestand ontbreekt"):
        load_plan(root, "netwerkpleegzorg")
    with pytest.raises(ContentError, match="geen leernetwerk 'bestaat-niet'"):
        load_plan(root, "bestaat-niet")
    load_catalog(root)  # the copy itself is fine


def test_duplicate_meeting_ids_are_refused(tmp_path: Path) -> None:
    text = GOOD + GOOD.split("meetings:\n", 1)[1]
    with pytest.raises(ContentError) as info:
        load_plan(_data_dir(tmp_path, text), "breakdown")
    assert info.value.line == 12 and "aftrap" in str(info.value)


def test_after_the_year_every_meeting_shows_its_count(catalog) -> None:
    plan = load_plan(config.data_dir(), "netwerkpleegzorg", catalog=catalog)
    text = format_plan(plan, catalog, {"aftrap": 3}, today=date(2028, 1, 1))
    assert text.count("Aanwezig (volgens de deelnemers): 0") == len(plan.meetings) - 1
    assert "Aanwezig (volgens de deelnemers): 3" in text
    before = format_plan(plan, catalog, {"aftrap": 3}, today=date(2026, 12, 1))
    assert before.count("Aanwezig") == 1  # meetings still to come show no "0 present"


def test_working_foster_parents_can_attend_and_the_plan_says_why() -> None:
    """Issue 17: online meetings on working days are in the evening; the plan explains it."""
    for network_id in plan_networks(config.data_dir()):
        plan = load_plan(config.data_dir(), network_id)
        assert "19.30" in plan.timing, network_id
        for meeting in plan.meetings:
            weekday = meeting.starts.weekday() < 5
            if meeting.online and weekday:
                assert meeting.starts.hour >= 19, (network_id, meeting.id, meeting.starts)
