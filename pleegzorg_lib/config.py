"""Settings from the environment: the only module that reads ``PLEEGZORG_*`` variables
(``tests/unit/test_layers.py`` fails when another does). Where things live (catalog,
workbooks, store), addresses, limits and languages."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The catalog folder: ``PLEEGZORG_DATA`` or ``data/`` next to the package."""
    return Path(os.environ.get("PLEEGZORG_DATA") or _REPO / "data")


def workbooks_dir() -> Path:
    """The notebooks Voilà serves: ``PLEEGZORG_WORKBOOKS`` or ``workbooks/`` next to the package."""
    return Path(os.environ.get("PLEEGZORG_WORKBOOKS") or _REPO / "workbooks")


def default_database_path() -> Path:
    """The embedded SQLite file used when ``PLEEGZORG_DATABASE_URL`` is not set."""
    base = os.environ.get("PLEEGZORG_HOME")
    if base:
        return Path(base) / "pleegzorg.db"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "pleegzorg" / "pleegzorg.db"


def database_url() -> str:
    """The store's SQLAlchemy URL: ``PLEEGZORG_DATABASE_URL`` or the embedded SQLite file."""
    url = os.environ.get("PLEEGZORG_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{default_database_path()}"


def organizer_code() -> str:
    """``PLEEGZORG_ORGANIZER_CODE``: asked on the page that creates sessions; without it that
    page opens only on the server's own machine (localhost)."""
    return os.environ.get("PLEEGZORG_ORGANIZER_CODE", "").strip()


#: How long a device remembers a participant's resume code (days), and a facilitator's key.
DEFAULT_REMEMBER_DAYS = 7
FACILITATOR_KEY_HOURS = 12


def remember_days() -> int:
    """``PLEEGZORG_REMEMBER_DAYS``: days a browser keeps the resume code after the last visit;
    0 keeps it only until the browser is closed."""
    raw = os.environ.get("PLEEGZORG_REMEMBER_DAYS", "").strip()
    return int(raw) if raw.isdigit() else DEFAULT_REMEMBER_DAYS


def server_name() -> str:
    """``PLEEGZORG_SERVER_NAME``: this server's name in a cluster (``X-Served-By``)."""
    return os.environ.get("PLEEGZORG_SERVER_NAME", "").strip()


def server_count() -> int:
    """``PLEEGZORG_SERVERS``: how many servers share the visitors of a session (behind one
    proxy); each warms its share of a session's expected participants."""
    return _positive_int("PLEEGZORG_SERVERS") or 1


def _positive_int(name: str) -> int | None:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def base_url() -> str | None:
    """``PLEEGZORG_BASE_URL``: the address users reach the server by, for absolute links
    (session links, calendar files); ``None`` when not set."""
    return (os.environ.get("PLEEGZORG_BASE_URL") or "").strip().rstrip("/") or None


def retention_days() -> int | None:
    """``PLEEGZORG_RETENTION_DAYS``: participants idle longer are purged (``None``: keep)."""
    return _positive_int("PLEEGZORG_RETENTION_DAYS")


def preheat_limit() -> int | None:
    """``PLEEGZORG_PREHEAT_LIMIT``: at most this many worksheets keep a warm kernel (0 allowed)."""
    raw = os.environ.get("PLEEGZORG_PREHEAT_LIMIT", "").strip()
    return int(raw) if raw.isdigit() else None


def max_kernels() -> int | None:
    """``PLEEGZORG_MAX_KERNELS``: the kernel limit of a server (``None``: from memory)."""
    return _positive_int("PLEEGZORG_MAX_KERNELS")


def kernel_mib() -> int | None:
    """``PLEEGZORG_KERNEL_MIB``: memory counted per kernel (``None``: the default)."""
    return _positive_int("PLEEGZORG_KERNEL_MIB")


def fork_kernels() -> bool:
    """``PLEEGZORG_FORK_KERNELS``: kernels are forked from a warm template process (default;
    ``0`` starts each kernel as a fresh interpreter, as Jupyter does)."""
    raw = os.environ.get("PLEEGZORG_FORK_KERNELS", "").strip().lower()
    return raw not in ("0", "false", "no", "nee", "off")


def check_workers() -> int | None:
    """``PLEEGZORG_CHECK_WORKERS``: worksheets ``pleegzorg check`` runs side by side."""
    return _positive_int("PLEEGZORG_CHECK_WORKERS")


def server_language() -> str | None:
    """``PLEEGZORG_LANG``: the server's interface language (checked by the i18n package)."""
    return os.environ.get("PLEEGZORG_LANG")


def trusted_proxies() -> set[str]:
    """``PLEEGZORG_TRUSTED_PROXIES``: addresses of reverse proxies (comma-separated) whose
    ``X-Forwarded-For`` names the visitor; a proxy on this machine is always trusted."""
    raw = os.environ.get("PLEEGZORG_TRUSTED_PROXIES", "")
    return {part.strip() for part in raw.split(",") if part.strip()}


def pages_per_minute() -> int | None:
    """``PLEEGZORG_PAGES_PER_MINUTE``: pages one client address may open per minute."""
    return _positive_int("PLEEGZORG_PAGES_PER_MINUTE")


def posts_per_ten_minutes() -> int | None:
    """``PLEEGZORG_POSTS_PER_10_MINUTES``: stories, questions and replies one participant may
    write in ten minutes on a network's home (default in ``services/exchange.py``)."""
    return _positive_int("PLEEGZORG_POSTS_PER_10_MINUTES")


def pdf_workers() -> int | None:
    """``PLEEGZORG_PDF_WORKERS``: how many PDFs of participants' exports the server prints
    at once (headless Chromium; default: one per two cores)."""
    return _positive_int("PLEEGZORG_PDF_WORKERS")


def tracemalloc_folder() -> str | None:
    """``PLEEGZORG_TRACEMALLOC``: a folder for the server's tracemalloc snapshots (off when
    unset); ``PLEEGZORG_TRACEMALLOC_FRAMES`` (default 8) frames per allocation and
    ``PLEEGZORG_TRACEMALLOC_SECONDS`` (default 600) between snapshots."""
    return os.environ.get("PLEEGZORG_TRACEMALLOC") or None


def tracemalloc_frames() -> int:
    return _positive_int("PLEEGZORG_TRACEMALLOC_FRAMES") or 8


def tracemalloc_seconds() -> int:
    return _positive_int("PLEEGZORG_TRACEMALLOC_SECONDS") or 600


# -- what Voilà and JupyterHub tell us (their variables, read here like our own) -------------


def voila_kernel(name: str, default: str = "") -> str:
    """A variable Voilà gives the kernels it starts (``VOILA_APP_PORT``, ``VOILA_SERVER_URL``,
    ``VOILA_KERNEL_ID``, ``VOILA_PREHEAT``, ``VOILA_REQUEST_URL`` …, and the request's
    ``QUERY_STRING`` once a preheated kernel took its request over)."""
    if not (name.startswith("VOILA_") or name == "QUERY_STRING"):
        raise ValueError(f"not one of Voilà's kernel variables: {name}")
    return os.environ.get(name, default)


def hub_moderators() -> dict[str, set[str]] | None:
    """``PLEEGZORG_HUB_MODERATORS``: under JupyterHub, which hub users moderate which network's
    home — ``anna, ben@breakdown, cor@vakmanschap`` (a name alone: every network). Unset:
    every hub user with access to the service moderates every network."""
    raw = os.environ.get("PLEEGZORG_HUB_MODERATORS", "").strip()
    if not raw:
        return None
    allowed: dict[str, set[str]] = {}
    for item in raw.split(","):
        name, _, network = item.strip().partition("@")
        if name:
            allowed.setdefault(name, set()).add(network.strip() or "*")
    return allowed


def hub_service() -> dict[str, str] | None:
    """JupyterHub's variables for a managed service (``JUPYTERHUB_API_TOKEN``,
    ``…_SERVICE_PREFIX``, ``…_SERVICE_URL``), or ``None`` outside a hub."""
    token = os.environ.get("JUPYTERHUB_API_TOKEN")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if not (token and prefix):
        return None
    return {"prefix": prefix, "url": os.environ.get("JUPYTERHUB_SERVICE_URL") or ""}


def hunspell_dictionary_dirs() -> list[str]:
    """``DICPATH``: hunspell's own search path for dictionaries (``pleegzorg check``)."""
    return [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d]
