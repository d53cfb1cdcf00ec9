"""The year plan of a leernetwerk: 6–7 meetings of about 1.5 hours, with agendas (its
iCalendar writer is ``export/calendar.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median_low

from .worksheet import page_path

_Day = date  # inside PlannedMeeting the name ``date`` is the field


@dataclass(frozen=True, slots=True, kw_only=True)
class WorksheetLink:
    """A worksheet an agenda item uses: its id, title and path below ``workbooks/``."""

    id: str
    title: str
    path: str

    @property
    def url_path(self) -> str:
        """Path of the worksheet page below the server's base URL."""
        return page_path(self.path)


@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaItem:
    """One point on a meeting's agenda, optionally done with a worksheet."""

    text: str
    worksheet: WorksheetLink | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedMeeting:
    """A planned meeting (bijeenkomst) of a network: mostly online, about 90 minutes."""

    id: str
    title: str
    date: date
    start: time
    minutes: int = 90
    online: bool = True
    location: str = ""  # an in-person meeting's address; optional for online ones
    agenda: tuple[AgendaItem, ...] = ()

    @property
    def starts(self) -> datetime:
        """Local start (Europe/Amsterdam wall clock, naive)."""
        return datetime.combine(self.date, self.start)

    @property
    def ends(self) -> datetime:
        """Local end (Europe/Amsterdam wall clock, naive)."""
        return self.starts + timedelta(minutes=self.minutes)

    def has_begun(self, today: _Day) -> bool:
        """True on the day of the meeting and after: attendance can be recorded."""
        return self.date <= today


@dataclass(frozen=True, slots=True, kw_only=True)
class YearPlan:
    """The meetings of one network in one year, in date order."""

    network_id: str
    year: int
    meetings: tuple[PlannedMeeting, ...]
    #: why the meetings are at these times (shown with the plan), e.g. evenings for
    #: foster parents who work
    timing: str = ""

    def meeting(self, meeting_id: str) -> PlannedMeeting | None:
        """Return the meeting with ``meeting_id`` or ``None``."""
        return next((m for m in self.meetings if m.id == meeting_id), None)

    @property
    def online_count(self) -> int:
        """How many of the meetings are online."""
        return sum(1 for m in self.meetings if m.online)

    @property
    def typical_minutes(self) -> int:
        """The usual length of a meeting (the median), for "about 90 minutes"."""
        return int(median_low(m.minutes for m in self.meetings)) if self.meetings else 0


def worksheet_url(link: WorksheetLink, base_url: str | None) -> str:
    """Where the worksheet opens: absolute with ``base_url``, else below the server root."""
    if base_url:
        return base_url.rstrip("/") + "/" + link.url_path
    return "/" + link.url_path


def agenda_lines(
    meeting: PlannedMeeting, base_url: str | None = None, worksheet_word: str = "Werkblad"
) -> list[str]:
    """The agenda as plain text lines; a worksheet on its own line with title and link."""
    lines: list[str] = []
    for item in meeting.agenda:
        lines.append(f"- {item.text}")
        if item.worksheet is not None:
            url = worksheet_url(item.worksheet, base_url)
            lines.append(f"  {worksheet_word}: {item.worksheet.title} – {url}")
    return lines
