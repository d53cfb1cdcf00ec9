"""The year plan as an iCalendar file (RFC 5545) that calendar programs import: times in
Europe/Amsterdam with the zone's rules included, lines folded at 75 octets, text escaped, CRLF
line endings."""

from __future__ import annotations

from datetime import UTC, datetime

from ..i18n import t
from ..model import Catalog
from ..model.yearplan import YearPlan, agenda_lines

TIMEZONE = "Europe/Amsterdam"

#: Europe/Amsterdam since 1996: CEST from the last Sunday of March, CET from the last Sunday
#: of October. Included in the file so no calendar has to guess what the TZID means.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TIMEZONE}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

PRODID = "-//pleegzorg werkboeken//pleegzorg_lib//NL"

UID_DOMAIN = "pleegzorg-werkboeken"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line into pieces of at most ``limit`` octets (RFC 5545 §3.1).

    Continuation lines start with one space, which counts towards their octets. A
    multi-byte UTF-8 character is never split.
    """
    pieces: list[str] = []
    current, size, room = "", 0, limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            pieces.append(current)
            current, size, room = "", 0, limit - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def to_ics(
    plan: YearPlan,
    catalog: Catalog,
    base_url: str | None = None,
    *,
    stamp: datetime | None = None,
    location_online: str = "Online",
    agenda_heading: str = "Agenda",
    worksheet_word: str = "Werkblad",
) -> str:
    """The plan as an iCalendar document (RFC 5545), CRLF line endings, lines folded.

    Parameters
    ----------
    plan
        The year plan.
    catalog
        Gives the network's name for the calendar and each event's summary.
    base_url
        Server address (``https://pleegzorg.example.nl``) for absolute worksheet links;
        without it the links are paths below the server root.
    stamp
        DTSTAMP of every event (default: now). Fixed in tests for stable output.
    location_online, agenda_heading, worksheet_word
        Texts for an online meeting's LOCATION, the description's heading and the word
        before a worksheet's title (localised by the caller).
    """
    network = catalog.network(plan.network_id)
    name = network.name if network else plan.network_id
    stamp = stamp or datetime.now(UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'{name} {plan.year}')}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
        *VTIMEZONE,
    ]
    for meeting in plan.meetings:
        agenda = agenda_lines(meeting, base_url, worksheet_word)
        description = "\n".join([f"{agenda_heading}:", *agenda])
        location = meeting.location or location_online
        if meeting.online and meeting.location:
            location = f"{location_online} ({meeting.location})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{plan.network_id}-{plan.year}-{meeting.id}@{UID_DOMAIN}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART;TZID={TIMEZONE}:{_local(meeting.starts)}",
            f"DTEND;TZID={TIMEZONE}:{_local(meeting.ends)}",
            f"SUMMARY:{escape_text(f'{name}: {meeting.title}')}",
            f"DESCRIPTION:{escape_text(description)}",
            f"LOCATION:{escape_text(location)}",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def plan_ics(plan: YearPlan, catalog: Catalog, base_url: str | None = None) -> str:
    """The plan as iCalendar text (:func:`to_ics`) with the texts of the current language."""
    return to_ics(
        plan,
        catalog,
        base_url,
        location_online=t("plan.ics.online"),
        agenda_heading=t("plan.agenda"),
        worksheet_word=t("plan.worksheet_word"),
    )
