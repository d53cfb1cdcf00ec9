"""``pleegzorg plan <network>``: print a network's year plan and write it as an .ics file.

The plan is printed in Dutch with, per meeting, how many participants said they were there;
the .ics file (RFC 5545) imports into Outlook, Google Agenda, Apple Agenda and others.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .. import config
from ..content import load_catalog
from ..content.yearplan import load_plan, when_text, where_text
from ..export.calendar import plan_ics
from ..i18n import t
from ..model import Catalog
from ..model.yearplan import YearPlan, agenda_lines


def format_plan(
    plan: YearPlan,
    catalog: Catalog,
    counts: dict[str, int],
    base_url: str | None = None,
    today: date | None = None,
) -> str:
    """The plan as text: a heading, then per meeting when, where, title, agenda and (once
    it has taken place) how many participants said they attended."""
    today = today or date.today()
    network = catalog.network(plan.network_id)
    name = network.name if network else plan.network_id
    minutes = plan.typical_minutes
    lines = [
        t("plan.title", network=name, year=str(plan.year)),
        t("plan.summary", count=len(plan.meetings), minutes=minutes, online=plan.online_count),
        "",
    ]
    for number, meeting in enumerate(plan.meetings, start=1):
        lines.append(f"{number}. {when_text(meeting)} · {where_text(meeting)}")
        lines.append(f"   {meeting.title}  [{meeting.id}]")
        lines += [
            f"   {line}" for line in agenda_lines(meeting, base_url, t("plan.worksheet_word"))
        ]
        count = counts.get(meeting.id, 0)
        if count or meeting.has_begun(today):  # no "0 present" for meetings still to come
            lines.append("   " + t("plan.cli.attended", count=count))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_proposals(proposals: list[Any], catalog: Catalog, network_id: str) -> str:
    """The themes the network's moderators put forward and nobody took up yet: for the year
    plan (a theme meeting) and for the Kennisagenda, with the counts they saw."""
    if not proposals:
        return ""
    network = catalog.network(network_id)
    lines = ["", t("plan.cli.proposals")]
    for p in proposals:
        theme = network.theme(p.theme_id) if network else None
        lines.append(
            "- "
            + t(
                "exchange.mod.proposal_line",
                theme=theme.name if theme else p.theme_id,
                target=t(f"exchange.mod.proposal_target.{p.target}"),
                stories=p.stories,
                questions=p.questions,
                who=p.proposed_by,
                date=p.created_at.astimezone().strftime("%d-%m-%Y"),
            )
        )
        if p.note:
            lines.append(f"  {p.note}")
    return "\n".join(lines) + "\n"


def run_plan(args: argparse.Namespace) -> int:
    """Print the plan of ``args.network`` with attendance counts and write the .ics."""
    from ..store import open_store

    data_dir = config.data_dir()
    catalog = load_catalog(data_dir)
    if catalog.network(args.network) is None:
        known = ", ".join(n.id for n in catalog.networks)
        print(t("plan.cli.unknown_network", id=args.network, known=known), file=sys.stderr)
        return 2
    plan = load_plan(data_dir, args.network, catalog=catalog)
    base_url = args.base_url or config.base_url()
    with open_store() as store:
        counts = store.attendance_counts(plan.network_id)
        proposals = store.theme_proposals(plan.network_id)
    print(format_plan(plan, catalog, counts, base_url), end="")
    print(format_proposals(proposals, catalog, plan.network_id), end="")
    target = Path(args.ics or f"jaarplan-{plan.network_id}-{plan.year}.ics")
    text = plan_ics(plan, catalog, base_url)
    try:
        target.write_bytes(text.encode("utf-8"))  # bytes: keep the CRLF line endings as is
    except OSError as exc:
        print(
            t("plan.cli.write_failed", path=str(target), reason=exc.strerror or ""), file=sys.stderr
        )
        return 2
    print(t("plan.cli.ics_written", path=str(target)))
    return 0


def add_plan_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``plan`` to the ``pleegzorg`` subcommands."""
    p: argparse.ArgumentParser = subparsers.add_parser("plan", help=t("cli.help.plan"))
    p.add_argument("network", help=t("cli.help.plan.network"))
    p.add_argument("--ics", help=t("cli.help.plan.ics"))
    p.add_argument(
        "--base-url",
        help=t("cli.help.plan.base_url"),
    )
    p.set_defaults(func=run_plan)
    return p
