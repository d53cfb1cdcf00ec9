"""The page's request as a worksheet kernel sees it, without importing Voilà.

``voila.utils.get_query_string()`` does the same, but importing ``voila`` pulls in the whole
server side (jupyter_server, jupyterlab_server, nbconvert …): about 40 MiB and half a CPU-second
in every kernel, for one WebSocket read. This module speaks the same small protocol (Voilà
0.5's ``voila/query/<kernel id>`` socket, the same environment variables), so a kernel imports
only ``websockets``' synchronous client, and only when it is preheated.
"""

from __future__ import annotations

import json
import logging
import os

from .. import config

log = logging.getLogger(__name__)

#: How long to wait for the server to answer on the query socket once connected (seconds):
#: a preheated kernel waits here until its visitor arrives, which may be hours.
OPEN_TIMEOUT = 5
#: Times a dropped query socket is opened again before the kernel binds without a request.
RECONNECTS = 5


def query_socket_url() -> str:
    """Where Voilà hands a preheated kernel its request (as ``voila.utils`` builds it)."""
    env = config.voila_kernel
    protocol = env("VOILA_WS_PROTOCOL", "ws")
    server_ip = env("VOILA_APP_IP", "127.0.0.1")
    server_port = env("VOILA_APP_PORT", "8866")
    server_url = env("VOILA_SERVER_URL", "/")
    ws_base_url = env("VOILA_WS_BASE_URL", server_url)
    kernel_id = env("VOILA_KERNEL_ID")
    return f"{protocol}://{server_ip}:{server_port}{ws_base_url}voila/query/{kernel_id}"


def wait_for_request() -> None:
    """In a preheated kernel, block until the page is requested and take over the request's
    environment (``QUERY_STRING`` and friends); elsewhere return at once."""
    if config.voila_kernel("VOILA_PREHEAT", "False") == "False":
        return
    import time

    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    url = query_socket_url()
    info = None
    for attempt in range(RECONNECTS + 1):
        try:
            # No keepalive pings: the kernel waits for hours, and a server busy for more than
            # the ping timeout (20 s) would otherwise drop the socket and fail the page's cell.
            with connect(
                url, open_timeout=OPEN_TIMEOUT, max_size=2**20, ping_interval=None
            ) as socket:
                info = socket.recv()
            break
        except ConnectionClosed as exc:  # dropped while waiting: the server keeps the request
            log.warning("query socket closed (%s), opening it again", exc)
            time.sleep(min(2**attempt * 0.2, 5))
        except (TimeoutError, OSError) as exc:  # the server went away: bind without a query
            log.warning("no request info from %s: %s", url, exc)
            return
    if info is None:
        return
    for key, value in json.loads(info).items():
        os.environ[key] = value


def query_string() -> str | None:
    """The page's query string; ``None`` outside Voilà (nbclient, pytest, JupyterLab)."""
    wait_for_request()
    return config.voila_kernel("QUERY_STRING") or None
