"""`pleegzorg export`: a session's report, a participant's own answers, a network's
Kennisagenda, a blank worksheet to print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import config
from ..i18n import t
from .export_worksheet import add_export_worksheet_parser


def _write_export(output: str, fmt: str, render: dict[str, Callable[[], str]]) -> None:
    """Write one export; PDF is the HTML form printed by headless Chromium."""
    from ..export import html_to_pdf

    target = Path(output)
    if fmt == "pdf":
        html_to_pdf(render["html"](), target.resolve())
    else:
        target.write_text(render[fmt](), encoding="utf-8")


def _export_session(args: argparse.Namespace) -> int:
    from ..analysis import K_MIN
    from ..export import (
        ReportError,
        answers_csv,
        collect_session,
        csv_allowed,
        report_html,
        report_markdown,
    )
    from ..model import normalize_session_code
    from ..store import open_store

    try:
        with open_store() as store:
            data = collect_session(store, normalize_session_code(args.code) or args.code)
            research = args.format in ("csv", "xlsx", "sav")
            if research and not csv_allowed(store, data):
                raise ReportError(t("report.csv_too_few", k=K_MIN))
            if args.format in ("xlsx", "sav"):
                from ..export.research import answers_sav, answers_xlsx

                write = answers_xlsx if args.format == "xlsx" else answers_sav
                Path(args.output).write_bytes(write(store, data))
                print(t("cli.report.written", path=args.output))
                return 0
            _write_export(
                args.output,
                args.format,
                {
                    "html": lambda: report_html(data),
                    "md": lambda: report_markdown(data),
                    "csv": lambda: answers_csv(store, data),
                },
            )
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(t("cli.report.written", path=args.output))
    return 0


def _export_agenda(args: argparse.Namespace) -> int:
    from ..content import cached_catalog
    from ..export import agenda_csv
    from ..store import open_store

    catalog = cached_catalog(str(config.data_dir()))
    if catalog.network(args.network) is None:
        known = ", ".join(n.id for n in catalog.networks)
        print(t("cli.unknown_network", id=args.network, known=known), file=sys.stderr)
        return 2
    with open_store() as store:
        items = store.agenda_items(args.network)
    Path(args.output).write_text(agenda_csv(items, catalog), encoding="utf-8")
    print(t("cli.agenda_written", path=args.output, n=len([i for i in items if not i.hidden])))
    return 0


def _export_participant(args: argparse.Namespace) -> int:
    from ..export import (
        ReportError,
        collect_participant,
        participant_html,
        participant_json,
        participant_markdown,
    )
    from ..services.identity import find_by_code
    from ..store import open_store

    try:
        with open_store() as store:
            person = find_by_code(store, args.code).participant
            if person is None:
                print(t("cli.code.unknown"), file=sys.stderr)
                return 2
            data = collect_participant(store, person)
            _write_export(
                args.output,
                args.format,
                {
                    "html": lambda: participant_html(data),
                    "md": lambda: participant_markdown(data),
                    "json": lambda: participant_json(data),
                },
            )
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(t("cli.written", path=args.output))
    return 0


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=t("cli.help.export"))
    export_sub = p.add_subparsers(dest="export_command", required=True)
    p = export_sub.add_parser("session", help=t("cli.help.export.session"))
    p.add_argument("code", help=t("cli.help.export.session_code"))
    p.add_argument("--format", choices=["html", "pdf", "md", "csv", "xlsx", "sav"], default="html")
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output"))
    p.set_defaults(func=_export_session)
    p = export_sub.add_parser("participant", help=t("cli.help.export.participant"))
    p.add_argument("code", help=t("cli.help.resume_code"))
    p.add_argument("--format", choices=["html", "pdf", "md", "json"], default="html")
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output"))
    p.set_defaults(func=_export_participant)
    p = export_sub.add_parser("agenda", help=t("cli.help.export.agenda"))
    p.add_argument("network", help=t("cli.help.network_id"))
    p.add_argument("-o", "--output", required=True, help=t("cli.help.output"))
    p.set_defaults(func=_export_agenda)
    add_export_worksheet_parser(export_sub)
