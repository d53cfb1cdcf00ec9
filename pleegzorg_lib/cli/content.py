"""`pleegzorg catalog` and `pleegzorg check`: what the catalog holds, and the author's check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import config
from ..content import load_catalog, load_worksheet_index
from ..i18n import t


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
    from ..authoring.hulpwijzer import hulpwijzer_warnings

    for warning in hulpwijzer_warnings():  # worth an editor's look, not a failure
        print(t("cli.check.warning", text=warning), file=sys.stderr)
    if args.hulpwijzer:
        print(format_distress_rules(root))
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


def format_distress_rules(root: Path | None) -> str:
    """Per worksheet: its audience, and each question that can show the hulpwijzer with the
    answers that do (``*`` after a question the group sees)."""
    from ..authoring.hulpwijzer import distress_rules

    lines = [t("cli.check.distress_title")]
    current = ""
    for rule in distress_rules(root if root is None or root.is_dir() else None):
        if rule.worksheet != current:
            current = rule.worksheet
            audience = ", ".join(rule.audience) or t("cli.check.distress_everyone")
            lines += ["", f"{rule.worksheet} ({audience})"]
        if rule.answers is None:
            answers = t("cli.check.distress_any")
        elif rule.answers and isinstance(rule.answers[0], int):
            answers = f"{rule.answers[0]}–{rule.answers[-1]}"
        else:
            answers = " | ".join(str(a) for a in rule.answers)
        lines.append(f"  {rule.question_id}{'*' if rule.shared else ''}: {answers}")
    return "\n".join(lines)


def add_content_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalog", help=t("cli.help.catalog"))
    p.set_defaults(func=_catalog)
    p = sub.add_parser("check", help=t("cli.help.check"))
    p.add_argument("path", nargs="?", help=t("cli.help.check.path"))
    p.add_argument("--no-execute", action="store_true", help=t("cli.help.check.no_execute"))
    p.add_argument("--no-spelling", action="store_true", help=t("cli.help.check.no_spelling"))
    p.add_argument("--hulpwijzer", action="store_true", help=t("cli.help.check.hulpwijzer"))
    p.add_argument(
        "--database",
        metavar="URL",
        help=t("cli.help.check.database"),
    )
    p.set_defaults(func=_check)
