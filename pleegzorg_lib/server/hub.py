"""``pleegzorg serve`` as a JupyterHub-managed service.

JupyterHub starts the server with ``JUPYTERHUB_SERVICE_PREFIX`` (e.g. ``/services/pleegzorg/``),
``JUPYTERHUB_SERVICE_URL`` (where to listen) and an API token; its proxy routes the prefix to
us. In that mode:

- the facilitator pages (``facilitator/``: the live view, a new session, intervisie) require a
  hub login: a visitor without one is sent to the hub's login page (OAuth) and comes back to
  the page they asked for; a hub user without access to this service gets a 403;
- a logged-in facilitator may create sessions from anywhere (the hub login replaces the
  organiser code and the this-machine-only rule);
- participants stay anonymous: worksheets need no login, only their resume code.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlparse

import tornado.web
from tornado.httputil import url_concat

from .. import config

log = logging.getLogger(__name__)

#: Pages under this folder need a hub login in hub mode.
FACILITATOR_FOLDER = "facilitator/"


def hub_mode() -> bool:
    """Running as a JupyterHub service (the hub sets these for the services it manages)."""
    return config.hub_service() is not None


def service_address() -> tuple[str, int, str]:
    """Where the hub expects us: (ip, port, base URL) from its environment."""
    hub = config.hub_service() or {}
    url = urlparse(hub.get("url") or "http://127.0.0.1:8866")
    prefix = hub.get("prefix") or "/"
    return url.hostname or "127.0.0.1", url.port or 8866, prefix


def is_facilitator_page(path: str) -> bool:
    return path.startswith(FACILITATOR_FOLDER)


def _auth() -> Any:
    from jupyterhub.services.auth import HubOAuth

    return HubOAuth.instance()


async def hub_user(handler: tornado.web.RequestHandler) -> dict | None:
    """The logged-in hub user allowed to use this service, or ``None``."""
    auth = _auth()
    model = await auth.get_user(handler, sync=False)
    if not model:
        return None
    if auth.access_scopes and not auth.check_scopes(auth.access_scopes, model):
        return {**model, "allowed": False}
    return {**model, "allowed": True}


def redirect_to_login(handler: tornado.web.RequestHandler) -> None:
    """To the hub's login (OAuth); afterwards back to the page that was asked for."""
    auth = _auth()
    state = auth.set_state_cookie(handler, next_url=handler.request.uri)
    handler.redirect(url_concat(auth.login_url, {"state": state}))


def callback_handler() -> tuple[str, type]:
    """The OAuth callback: (path, handler class) for the server's handler list."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler

    path = urlparse(_auth().oauth_redirect_uri).path
    return path, HubOAuthCallbackHandler
