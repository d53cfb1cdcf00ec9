"""The routes of the networks' homes (``voila/netwerk/…``): the home and its pages
(``network_home.py``), the moderators' page (``moderation_page.py``) and the participant's own
data with its downloads (``own_export.py``)."""

from __future__ import annotations

from typing import Any

from .moderation_page import ModerationHandler
from .network_home import (
    CalendarHandler,
    FeedHandler,
    FormHandler,
    HomeHandler,
    ItemHandler,
    ListHandler,
    PollHandler,
)
from .own_export import OwnDataDownloadHandler, OwnDataHandler


def exchange_handlers(base_url: str) -> list[tuple[Any, ...]]:
    """The routes of the networks' homes, below ``<base>voila/netwerk/``."""

    root = f"{base_url}voila/netwerk"
    name = r"([a-z0-9][a-z0-9-]{0,63})"
    args = {"base_url": base_url}
    return [
        (rf"{root}/mijn-gegevens", OwnDataHandler, args),
        (rf"{root}/mijn-gegevens/download\.(html|md|pdf)", OwnDataDownloadHandler, args),
        (rf"{root}/{name}/?", HomeHandler, args),
        (rf"{root}/{name}/(verhalen|vragen)/?", ListHandler, args),
        (rf"{root}/{name}/(verhalen|vragen)/nieuw", FormHandler, args),
        (rf"{root}/{name}/item/([0-9]{{1,12}})", ItemHandler, args),
        (rf"{root}/{name}/moderatie", ModerationHandler, args),
        (rf"{root}/{name}/peiling/([0-9]{{1,12}})", PollHandler, args),
        (rf"{root}/{name}/feed\.atom", FeedHandler, args),
        (rf"{root}/{name}/jaarplan\.ics", CalendarHandler, args),
    ]
