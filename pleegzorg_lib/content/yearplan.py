"""Load a network's year plan (``data/plans/<network>.yaml``) and check its references.

Each agenda item may name a worksheet by id; the loader checks it exists in ``workbooks/``
and keeps its title and path, so the model can link it without reading notebooks.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .. import config
from ..i18n import current_language, t
from ..model import Catalog, WorksheetInfo
from ..model.yearplan import AgendaItem, PlannedMeeting, WorksheetLink, YearPlan
from ._fields import FieldReader, date_field
from ._yaml import ContentError, LineList, load_yaml
from .catalog import load_catalog
from .workbooks import load_worksheet_index

PLANS_DIR = "plans"
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
MIN_MINUTES, MAX_MINUTES = 15, 480


def _list(r: FieldReader, key: str, *, required: bool = True) -> LineList:
    raw = r.get(key, list, required=required, default=[])
    if isinstance(raw, LineList):
        return raw
    items = LineList(raw)
    items.line, items.item_lines = r.line_of(key), [r.line_of(key)] * len(raw)
    return items


def _date(r: FieldReader, year: int) -> date:
    value = date_field(r, "date", "plan.error.date")
    if value.year != year:
        raise r.error("date", t("plan.error.year", value=value.isoformat(), year=str(year)))
    return value


def _time(r: FieldReader) -> time:
    r.used.add("start")
    value: Any = r.block.get("start")
    if value is None:
        r._missing("start")
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 19:30 as the number 1170
        raise r.error("start", t("plan.error.time_quotes"))
    match = _TIME.match(str(value).strip())
    if not match:
        raise r.error("start", t("plan.error.time", value=str(value)))
    return time(int(match.group(1)), int(match.group(2)))


def _agenda(r: FieldReader, worksheets: dict[str, WorksheetInfo]) -> tuple[AgendaItem, ...]:
    items = _list(r, "agenda")
    if not items:
        raise r.error("agenda", t("content.empty"))
    agenda: list[AgendaItem] = []
    for index, raw in enumerate(items):
        ir = FieldReader(raw, r.file, f"{r.where}.agenda[{index}]", items.item_lines[index])
        text = " ".join(ir.get("text", str).split())
        worksheet_id = ir.get("worksheet", str, required=False)
        ir.finish()
        link = None
        if worksheet_id is not None:
            info = worksheets.get(worksheet_id)
            if info is None:
                known = ", ".join(sorted(worksheets))
                raise ir.error(
                    "worksheet", t("content.unknown_ref", value=worksheet_id, known=known)
                )
            link = WorksheetLink(id=info.id, title=info.title, path=info.path)
        agenda.append(AgendaItem(text=text, worksheet=link))
    return tuple(agenda)


def _meeting(
    raw: object, name: str, index: int, line: int, year: int, worksheets: dict[str, WorksheetInfo]
) -> PlannedMeeting:
    r = FieldReader(raw, name, f"meetings[{index}]", line)
    meeting_id = r.get_id()
    title = " ".join(r.get("title", str).split())
    when = _date(r, year)
    start = _time(r)
    minutes = r.get("minutes", int, required=False, default=90)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise r.error(
            "minutes", t("plan.error.minutes", low=MIN_MINUTES, high=MAX_MINUTES, value=minutes)
        )
    online = r.get("online", bool, required=False, default=True)
    location = r.get("location", str, required=not online)
    agenda = _agenda(r, worksheets)
    r.finish()
    return PlannedMeeting(
        id=meeting_id,
        title=title,
        date=when,
        start=start,
        minutes=minutes,
        online=online,
        location=" ".join(location.split()) if location else "",
        agenda=agenda,
    )


def load_plan(
    data_dir: Path | str,
    network_id: str,
    *,
    catalog: Catalog | None = None,
    workbooks_dir: Path | str | None = None,
) -> YearPlan:
    """Read the year plan of ``network_id`` from ``data_dir/plans/<network_id>.yaml``.

    Parameters
    ----------
    data_dir
        The catalog folder (``data/``).
    network_id
        The leernetwerk whose plan to read.
    catalog
        The catalog (read from ``data_dir`` if omitted).
    workbooks_dir
        Where the worksheets named in agendas live (default: the configured ``workbooks/``).

    Raises
    ------
    ContentError
        The first problem found, in Dutch, naming file, line and field: an unknown
        network or worksheet, a date outside the plan's year, a time that is not HH:MM.
    """
    root = Path(data_dir)
    catalog = catalog or load_catalog(root)
    path = root / PLANS_DIR / f"{network_id}.yaml"
    name = f"{root.name}/{PLANS_DIR}/{network_id}.yaml"
    if catalog.network(network_id) is None:
        known = ", ".join(n.id for n in catalog.networks)
        raise ContentError(
            name, 1, "network_id", t("plan.error.network", id=network_id, known=known)
        )
    r = FieldReader(load_yaml(path, name), name, "")
    plan_network = r.get_id("network_id")
    if plan_network != network_id:
        raise r.error(
            "network_id", t("plan.error.network_mismatch", value=plan_network, id=network_id)
        )
    year = r.get("year", int)
    if not 2000 <= year <= 2100:
        raise r.error("year", t("dossier.error.year", value=str(year)))
    timing = " ".join(r.get_text("timing", current_language(), required=False).split())
    raw_meetings = _list(r, "meetings")
    r.finish()
    if not raw_meetings:
        raise r.error("meetings", t("content.empty"))
    wb_root = Path(workbooks_dir) if workbooks_dir is not None else config.workbooks_dir()
    worksheets = {info.id: info for info in load_worksheet_index(wb_root, catalog)}
    meetings: list[PlannedMeeting] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_meetings):
        line = raw_meetings.item_lines[index]
        meeting = _meeting(raw, name, index, line, year, worksheets)
        if meeting.id in seen:
            raise ContentError(
                name,
                getattr(raw, "line", line),
                f"meetings[{index}].id",
                t("content.duplicate_id", id=meeting.id, other=name),
            )
        seen.add(meeting.id)
        meetings.append(meeting)
    meetings.sort(key=lambda m: m.starts)
    return YearPlan(network_id=network_id, year=year, meetings=tuple(meetings), timing=timing)


def plan_networks(data_dir: Path | str) -> list[str]:
    """The network ids that have a plan file in ``data_dir/plans``."""
    return sorted(p.stem for p in (Path(data_dir) / PLANS_DIR).glob("*.yaml"))


def when_text(meeting: PlannedMeeting, lang: str | None = None) -> str:
    """The meeting's day and time the local way: "dinsdag 9 februari 2027, 19.30–21.00"."""
    weekdays = t("plan.weekdays", lang).split()
    months = t("plan.months", lang).split()
    starts, ends = meeting.starts, meeting.ends

    def clock(moment: datetime) -> str:
        return t("plan.time", lang, hour=str(moment.hour), minute=f"{moment.minute:02d}")

    return t(
        "plan.when",
        lang,
        weekday=weekdays[starts.weekday()],
        day=str(starts.day),
        month=months[starts.month - 1],
        year=str(starts.year),
        start=clock(starts),
        end=clock(ends),
    )


def where_text(meeting: PlannedMeeting, lang: str | None = None) -> str:
    """The place: "online", "online (Teams)" or the address of an in-person meeting."""
    if not meeting.online:
        return meeting.location
    online = t("plan.online", lang)
    return f"{online} ({meeting.location})" if meeting.location else online
