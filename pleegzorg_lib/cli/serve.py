"""`pleegzorg serve` and `pleegzorg cluster`: the workbooks on one server, or one per core
behind nginx."""

from __future__ import annotations

import argparse

from ..i18n import t


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


def add_serve_parsers(sub: argparse._SubParsersAction) -> None:
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
