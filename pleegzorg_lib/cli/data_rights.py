"""`pleegzorg forget` and `pleegzorg purge`: erasing a participant, and everyone idle too long."""

from __future__ import annotations

import argparse
import sys

from .. import config
from ..i18n import t


def _forget(args: argparse.Namespace) -> int:
    from ..services.identity import find_by_code
    from ..store import open_store

    with open_store() as store:
        person = find_by_code(store, args.code).participant
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


def add_rights_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget", help=t("cli.help.forget"))
    p.add_argument("code", help=t("cli.help.resume_code"))
    p.add_argument("--yes", action="store_true", help=t("cli.help.forget.yes"))
    p.set_defaults(func=_forget)
    p = sub.add_parser("purge", help=t("cli.help.purge"))
    p.add_argument("--older-than", help=t("cli.help.purge.older_than"))
    p.set_defaults(func=_purge)
