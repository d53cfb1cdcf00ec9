"""pleegzorg_lib: learning workbooks for the Dutch foster-care field (pleegzorg).

The public API is what notebooks call, listed in ``__all__``:

- worksheets: ``worksheet("id")`` returns a :class:`WorksheetPage` (``ws.likert(...)``, …);
- facilitator pages: ``live_view()``, ``new_session_form()``, ``intervisie_timer()``.

Everything else is reachable through the subpackages (``model``, ``content``, ``store``,
``analysis``, ``export``, ``widgets``, ``server``), which are not a promise to notebooks.
"""

from __future__ import annotations

import typing as _typing
from importlib import import_module as _import_module

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


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pleegzorg_lib' has no attribute {name!r}")
    return getattr(_import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
