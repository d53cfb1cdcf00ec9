"""pleegzorg_lib: learning workbooks for the Dutch foster-care field (pleegzorg).

The public API is what notebooks call, listed in ``__all__``:

- worksheets: ``worksheet("id")`` returns a :class:`WorksheetPage` (``ws.likert(...)``, …);
- facilitator pages: ``live_view()``, ``new_session_form()``, ``intervisie_timer()``.

Everything else is reachable through the subpackages (``model``, ``content``, ``store``,
``analysis``, ``export``, ``widgets``, ``server``), which are not a promise to notebooks.
"""

from __future__ import annotations

import typing as _typing

from ._lazy import lazy_exports as _lazy_exports

__version__ = "0.1.0"

#: Public name → the module that defines it; imported on first use, so the CLI and the model
#: do not pay for importing ipywidgets.
_LAZY = {
    "worksheet": ".pages.worksheet",
    "WorksheetPage": ".pages.worksheet",
    "live_view": ".pages.facilitator",
    "new_session_form": ".pages.facilitator",
    "intervisie_timer": ".pages.facilitator",
}

__all__ = [
    "WorksheetPage",
    "__version__",
    "intervisie_timer",
    "live_view",
    "new_session_form",
    "worksheet",
]

if _typing.TYPE_CHECKING:  # pragma: no cover
    from .pages.facilitator import intervisie_timer, live_view, new_session_form
    from .pages.worksheet import WorksheetPage, worksheet

__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())
