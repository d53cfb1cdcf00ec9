"""``pleegzorg export worksheet <id>``: a blank worksheet to print, for sessions on paper.

Built from the notebook's text without running it (see :mod:`pleegzorg_lib.export.worksheet`);
PDF is that HTML printed by headless Chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import config
from ..content import find_worksheet, load_catalog
from ..i18n import t

__all__ = ["add_export_worksheet_parser", "run_export_worksheet"]


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "html" if Path(args.output).suffix.lower() in (".html", ".htm") else "pdf"


def run_export_worksheet(args: argparse.Namespace) -> int:
    """Write the printable form of worksheet ``args.id`` to ``args.output``."""
    from ..export import ReportError, html_to_pdf
    from ..export.worksheet import worksheet_print_html

    catalog = load_catalog(config.data_dir())
    root = config.workbooks_dir()
    info = find_worksheet(root, catalog, args.id)
    if info is None:
        print(t("authoring.print.not_found", id=args.id), file=sys.stderr)
        return 2
    html = worksheet_print_html(info, root, catalog=catalog)
    target = Path(args.output)
    try:
        if _format(args) == "pdf":
            html_to_pdf(html, target.resolve())
        else:
            target.write_text(html, encoding="utf-8")
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(t("authoring.print.written", path=args.output))
    return 0


def add_export_worksheet_parser(export_subparsers: Any) -> argparse.ArgumentParser:
    """Add ``worksheet`` to the ``pleegzorg export`` subcommands."""
    p: argparse.ArgumentParser = export_subparsers.add_parser(
        "worksheet", help=t("authoring.print.help")
    )
    p.add_argument("id", help=t("authoring.print.id_help"))
    p.add_argument("--format", choices=["pdf", "html"], help=t("authoring.print.format_help"))
    p.add_argument("-o", "--output", required=True, help=t("authoring.print.output_help"))
    p.set_defaults(func=run_export_worksheet)
    return p
