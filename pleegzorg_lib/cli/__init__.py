"""The ``pleegzorg`` command. Each subcommand maps its arguments onto one library call."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import config
from ..authoring.scaffold import add_new_parser
from ..content import ContentError, load_catalog, load_worksheet_index
from ..i18n import t
from .export_worksheet import add_export_worksheet_parser
from .plan import add_plan_parser


def _catalog(_args: argparse.Namespace) -> int:
    catalog = load_catalog(config.data_dir())
    worksheets = load_worksheet_index(config.workbooks_dir(), catalog)
    print(t("cli.catalog.networks"))
    for network in catalog.networks:
        print(f"  {network.id:<28} {network.name}")
        for theme in network.themes:
            print(f"    {theme.id:<26} {theme.name}")
            for ws in worksheets:
                if ws.network_id == network.id and ws.theme_id == theme.id:
                    print(f"      {ws.id:<24} {ws.title} ({ws.duration_minutes} min) — {ws.path}")
    print(t("cli.catalog.roles"))
    for role in catalog.roles:
        print(f"  {role.id:<28} {role.name}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from ..authoring.check import ProgressBar, check

    root = Path(args.path) if args.path else None
    result = check(
        root,
        execute=not args.no_execute,
        spelling=not args.no_spelling,
        database_url=args.database,
        progress=ProgressBar(sys.stderr),
    )
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.ok:
        count = len(result.questions)
        print(t("cli.check.ok_one") if count == 1 else t("cli.check.ok", count=count))
        return 0
    count = len(result.problems)
    print(
        t("cli.check.failed_one") if count == 1 else t("cli.check.failed", count=count),
        file=sys.stderr,
    )
    return 1


def _session_create(args: argparse.Namespace) -> int:
    from ..services.sessions import SessionError, create_session
    from ..store import open_store

    try:
        with open_store() as store:
            links = create_session(
                store,
                network_id=args.network,
                worksheet_id=args.worksheet,
                title=args.title,
                date=args.date,
                base=args.base_url,
                expected=args.expect,
            )
    except SessionError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(t("cli.session.title", title=links.session.title))
    print(t("cli.session.code", code=links.session.code))
    print(t("cli.session.participant_link", url=links.participant_url))
    print(t("cli.session.facilitator_link", url=links.facilitator_url))
    if links.session.expected:
        print(t("cli.session.warm", n=links.session.expected))
    return 0


def _write_export(output: str, fmt: str, render: dict[str, Callable[[], str]]) -> None:
    """Write one export; PDF is the HTML form printed by headless Chromium."""
    from ..export import html_to_pdf

    target = Path(output)
    if fmt == "pdf":
        html_to_pdf(render["html"](), target.resolve())
    else:
        target.write_text(render[fmt](), encoding="utf-8")


def _export_session(args: argparse.Namespace) -> int:
    from ..export import (
        ReportError,
        answers_csv,
        collect_session,
        report_html,
        report_markdown,
    )
    from ..model import normalize_session_code
    from ..store import open_store

    try:
        with open_store() as store:
            data = collect_session(store, normalize_session_code(args.code) or args.code)
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


def _participant_by_code(store, typed: str):  # noqa: ANN001, ANN202 - small CLI helper
    from ..model import normalize_code

    code = normalize_code(typed)
    return store.participant_by_code(code) if code else None


def _export_participant(args: argparse.Namespace) -> int:
    from ..export import (
        ReportError,
        collect_participant,
        participant_html,
        participant_json,
        participant_markdown,
    )
    from ..store import open_store

    try:
        with open_store() as store:
            person = _participant_by_code(store, args.code)
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


def _forget(args: argparse.Namespace) -> int:
    from ..store import open_store

    with open_store() as store:
        person = _participant_by_code(store, args.code)
        if person is None:
            print(t("cli.code.unknown"), file=sys.stderr)
            return 2
        if not args.yes:
            answer = input(t("cli.forget.confirm"))
            if answer.strip().upper() not in ("JA", "YES"):
                print(t("cli.forget.cancelled"))
                return 1
        rows = store.forget_participant(person.id)
    print(t("cli.forget.done", rows=rows))
    return 0


def _purge(args: argparse.Namespace) -> int:
    from ..store import open_store

    text = (args.older_than or "").strip().lower()
    if not text and config.retention_days():
        text = f"{config.retention_days()}d"
    if not text.endswith("d") or not text[:-1].isdigit() or int(text[:-1]) < 1:
        print(t("cli.purge.usage"), file=sys.stderr)
        return 2
    days = int(text[:-1])
    with open_store() as store:
        count = store.purge_older_than(days)
    print(t("cli.purge.done", count=count, days=days))
    return 0


def _schema_state(store) -> tuple[str | None, int | None]:  # noqa: ANN001 - small CLI helper
    from ..store import migrations

    with store.engine.connect() as conn:
        revision = migrations.current_revision(conn)
        legacy = migrations.legacy_schema_version(conn) if revision is None else None
    return revision, legacy


def _db_open(_args: argparse.Namespace):  # noqa: ANN202 - small CLI helper
    from sqlalchemy.engine import make_url

    from ..store import open_store

    store = open_store(migrate=False)
    print(t("cli.db.database", url=make_url(store.url).render_as_string(hide_password=True)))
    return store


def _db_current(args: argparse.Namespace) -> int:
    from ..store.migrations import HEAD

    with _db_open(args) as store:
        revision, legacy = _schema_state(store)
    if revision is None:
        state = t("cli.db.empty") if legacy is None else t("cli.db.legacy", version=legacy)
    else:
        mark = t("cli.db.head") if revision == HEAD else t("cli.db.behind", head=HEAD)
        state = f"{revision} {mark}"
    print(t("cli.db.current", revision=state))
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    with _db_open(args) as store:
        revision, legacy = _schema_state(store)
        _before, after = store.migrate()
    if revision == after:
        print(t("cli.db.up_to_date", revision=after))
        return 0
    if revision is None:
        revision = (
            t("cli.db.empty_short") if legacy is None else t("cli.db.legacy_short", version=legacy)
        )
    print(t("cli.db.upgraded", before=revision, after=after))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from ..server.app import serve

    serve(port=args.port, ip=args.ip, extra_args=args.voila_args)
    return 0


def _cluster(args: argparse.Namespace) -> int:
    import signal

    from ..server.cluster import Cluster, server_count_default

    cluster = Cluster(port=args.port, ip=args.ip, servers=args.servers or server_count_default())

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    cluster.start()
    print(
        t("cli.cluster.url", url=cluster.url, servers=cluster.servers, logs=str(cluster.run_dir)),
        flush=True,
    )
    return cluster.wait()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pleegzorg", description=t("site.tagline"))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("catalog", help=t("cli.help.catalog"))
    p.set_defaults(func=_catalog)
    p = sub.add_parser("check", help=t("cli.help.check"))
    p.add_argument("path", nargs="?", help=t("cli.help.check.path"))
    p.add_argument("--no-execute", action="store_true", help=t("cli.help.check.no_execute"))
    p.add_argument("--no-spelling", action="store_true", help=t("cli.help.check.no_spelling"))
    p.add_argument(
        "--database",
        metavar="URL",
        help=t("cli.help.check.database"),
    )
    p.set_defaults(func=_check)
    p = sub.add_parser("session", help=t("cli.help.session"))
    session_sub = p.add_subparsers(dest="session_command", required=True)
    p = session_sub.add_parser("create", help=t("cli.help.session.create"))
    p.add_argument("--network", required=True, help=t("cli.help.session.network"))
    p.add_argument("--worksheet", required=True, help=t("cli.help.session.worksheet"))
    p.add_argument("--title", help=t("cli.help.session.title"))
    p.add_argument("--date", help=t("cli.help.session.date"))
    p.add_argument("--base-url", help=t("cli.help.session.base_url"))
    p.add_argument("--expect", type=int, help=t("cli.help.session.expect"))
    p.set_defaults(func=_session_create)
    p = sub.add_parser("export", help=t("cli.help.export"))
    export_sub = p.add_subparsers(dest="export_command", required=True)
    p = export_sub.add_parser("session", help=t("cli.help.export.session"))
    p.add_argument("code", help=t("cli.help.export.session_code"))
    p.add_argument("--format", choices=["html", "pdf", "md", "csv"], default="html")
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
    p = sub.add_parser("forget", help=t("cli.help.forget"))
    p.add_argument("code", help=t("cli.help.resume_code"))
    p.add_argument("--yes", action="store_true", help=t("cli.help.forget.yes"))
    p.set_defaults(func=_forget)
    p = sub.add_parser("purge", help=t("cli.help.purge"))
    p.add_argument("--older-than", help=t("cli.help.purge.older_than"))
    p.set_defaults(func=_purge)
    p = sub.add_parser("db", help=t("cli.db.help"))
    db_sub = p.add_subparsers(dest="db_command", required=True)
    p = db_sub.add_parser("upgrade", help=t("cli.db.upgrade_help"))
    p.set_defaults(func=_db_upgrade)
    p = db_sub.add_parser("current", help=t("cli.db.current_help"))
    p.set_defaults(func=_db_current)
    add_plan_parser(sub)
    add_new_parser(sub)
    p = sub.add_parser("serve", help=t("cli.help.serve"))
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--ip", default="127.0.0.1")
    p.add_argument("voila_args", nargs="*", help=t("cli.help.serve.voila_args"))
    p.set_defaults(func=_serve)
    p = sub.add_parser("cluster", help=t("cli.help.cluster"))
    p.add_argument("--port", type=int, default=8866, help=t("cli.help.cluster.port"))
    p.add_argument("--ip", default="127.0.0.1")
    p.add_argument("--servers", type=int, default=0, help=t("cli.help.cluster.servers"))
    p.set_defaults(func=_cluster)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors are one clear line and a non-zero exit."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except RuntimeError as exc:  # StoreError and friends: one clear line
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
