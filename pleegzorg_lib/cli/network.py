"""``pleegzorg network``: a network's home between meetings — keys for its moderators and its
pre-moderation setting (the moderators' page itself is ``voila/netwerk/<network>/moderatie``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import config
from ..content import load_catalog
from ..i18n import t
from ..services import exchange


def run_moderator(args: argparse.Namespace) -> int:
    """Make a key for a moderator and print the link that signs them in (once)."""
    from ..store import open_store

    catalog = load_catalog(config.data_dir())
    with open_store() as store:
        try:
            key = exchange.new_moderator_key(store, catalog, args.network, args.label)
        except exchange.ExchangeError as exc:
            print(t(exc.key, **exc.params), file=sys.stderr)
            return 2
    base = (args.base_url or config.base_url() or "http://127.0.0.1:8866/").rstrip("/") + "/"
    link = f"{base}voila/netwerk/{args.network}/moderatie?sleutel={key}"
    print(t("cli.network.moderator_made", label=args.label, network=args.network, link=link))
    return 0


def run_premoderation(args: argparse.Namespace) -> int:
    from ..store import open_store

    catalog = load_catalog(config.data_dir())
    if catalog.network(args.network) is None:
        print(t("exchange.error.unknown_network", network=args.network), file=sys.stderr)
        return 2
    with open_store() as store:
        exchange.set_premoderation(
            store, moderator="cli", network_id=args.network, value=args.state == "aan"
        )
    state = t("cli.network.on" if args.state == "aan" else "cli.network.off")
    print(t("cli.network.premoderation_set", network=args.network, state=state))
    return 0


def run_poll(args: argparse.Namespace) -> int:
    """Start a poll in a network's home that runs for ``--dagen`` days."""
    from ..store import open_store

    catalog = load_catalog(config.data_dir())
    with open_store() as store:
        try:
            poll_id = exchange.create_poll(
                store,
                catalog,
                network_id=args.network,
                prompt=args.vraag,
                options=list(args.optie or []),
                days=args.dagen,
                created_by="cli",
            )
        except exchange.ExchangeError as exc:
            print(t(exc.key, **exc.params), file=sys.stderr)
            return 2
        store.log_moderation(args.network, "cli", "poll", "")
    print(t("cli.network.poll_made", network=args.network, id=poll_id, days=args.dagen))
    return 0


def run_keys(args: argparse.Namespace) -> int:
    from ..store import open_store

    with open_store() as store:
        for key in store.moderator_keys(args.network):
            revoked = (
                t("cli.network.key_revoked", when=key["revoked_at"].strftime("%Y-%m-%d"))
                if key["revoked_at"]
                else ""
            )
            made = key["created_at"].strftime("%Y-%m-%d")
            print(
                t(
                    "cli.network.key_line",
                    id=key["id"],
                    label=key["label"],
                    made=made,
                    revoked=revoked,
                )
            )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from ..store import open_store

    with open_store() as store:
        done = store.revoke_moderator_key(args.key_id)
    print(t("cli.network.revoked" if done else "cli.network.not_revoked", id=args.key_id))
    return 0 if done else 1


def add_network_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``network`` (moderator, premoderation) to the ``pleegzorg`` subcommands."""
    p: argparse.ArgumentParser = subparsers.add_parser("network", help=t("cli.network.help"))
    sub = p.add_subparsers(dest="network_command", required=True)
    mod = sub.add_parser("moderator", help=t("cli.network.moderator_help"))
    mod.add_argument("network", help=t("cli.network.network_help"))
    mod.add_argument("--label", required=True, help=t("cli.network.label_help"))
    mod.add_argument("--base-url", help=t("cli.network.base_url_help"))
    mod.set_defaults(func=run_moderator)
    pre = sub.add_parser("premoderation", help=t("cli.network.premoderation_help"))
    pre.add_argument("network", help=t("cli.network.network_help"))
    pre.add_argument("state", choices=["aan", "uit"])
    pre.set_defaults(func=run_premoderation)
    poll = sub.add_parser("poll", help=t("cli.network.poll_help"))
    poll.add_argument("network", help=t("cli.network.network_help"))
    poll.add_argument("--vraag", required=True, help=t("cli.network.poll_question_help"))
    poll.add_argument("--optie", action="append", help=t("cli.network.poll_option_help"))
    poll.add_argument("--dagen", type=int, default=7, help=t("cli.network.poll_days_help"))
    poll.set_defaults(func=run_poll)
    keys = sub.add_parser("moderators", help=t("cli.network.keys_help"))
    keys.add_argument("network", help=t("cli.network.network_help"))
    keys.set_defaults(func=run_keys)
    revoke = sub.add_parser("revoke", help=t("cli.network.revoke_help"))
    revoke.add_argument("key_id", type=int)
    revoke.set_defaults(func=run_revoke)
    return p
