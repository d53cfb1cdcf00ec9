"""`pleegzorg new`: a worksheet notebook from the template (``authoring/scaffold.py``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..authoring.scaffold import ScaffoldError, scaffold_worksheet
from ..i18n import t


def _relative(path: Path) -> str:
    """The path as the author types it: relative to where they are, when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_new(args: argparse.Namespace) -> int:
    """``pleegzorg new``: create the worksheet, or say in one line why not (exit 2)."""
    try:
        path = scaffold_worksheet(
            args.network,
            args.title,
            theme_id=args.theme,
            worksheet_id=args.id,
            minutes=args.minutes,
        )
    except (ScaffoldError, FileExistsError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    shown = _relative(path)
    print(t("authoring.new.written", path=shown))
    print(t("authoring.new.next", folder=shown))
    return 0


def add_new_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``new`` to the ``pleegzorg`` subcommands."""
    p: argparse.ArgumentParser = subparsers.add_parser("new", help=t("authoring.new.help"))
    p.add_argument("--network", required=True, help=t("authoring.new.network_help"))
    p.add_argument("--title", required=True, help=t("authoring.new.title_help"))
    p.add_argument("--theme", help=t("authoring.new.theme_help"))
    p.add_argument("--id", help=t("authoring.new.id_help"))
    p.add_argument("--minutes", type=int, default=20, help=t("authoring.new.minutes_help"))
    p.set_defaults(func=run_new)
    return p
