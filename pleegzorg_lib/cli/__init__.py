"""The ``pleegzorg`` command: the parser, one module per group of commands (their handlers are
thin: each maps its arguments onto one library call), and ``main``."""

from __future__ import annotations

import argparse
import sys

from ..content import ContentError
from ..i18n import t
from .content import add_content_parsers
from .data_rights import add_rights_parsers
from .db import add_db_parser
from .exports import add_export_parser
from .network import add_network_parser
from .new import add_new_parser
from .plan import add_plan_parser
from .serve import add_serve_parsers
from .sessions import add_session_parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pleegzorg", description=t("site.tagline"))
    sub = parser.add_subparsers(dest="command", required=True)
    add_content_parsers(sub)  # catalog, check
    add_session_parser(sub)
    add_export_parser(sub)
    add_rights_parsers(sub)  # forget, purge
    add_db_parser(sub)
    add_plan_parser(sub)
    add_network_parser(sub)
    add_new_parser(sub)
    add_serve_parsers(sub)  # serve, cluster
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
