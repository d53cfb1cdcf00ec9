"""`pleegzorg session create`: a meeting with its join code and links."""

from __future__ import annotations

import argparse
import sys

from ..i18n import t


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
    from ..services.sessions import DEFAULT_ROOM

    expected = links.session.expected
    if expected is None:
        print(t("cli.session.warm_default", n=DEFAULT_ROOM))
    elif expected == 0:
        print(t("cli.session.warm_none"))
    else:
        print(t("cli.session.warm", n=expected))
    return 0


def add_session_parser(sub: argparse._SubParsersAction) -> None:
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
