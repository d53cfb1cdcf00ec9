"""pleegzorg_lib: learning workbooks for the Dutch foster-care field (pleegzorg).

Notebooks call :func:`worksheet`; everything else is reachable through the subpackages
``model``, ``content``, ``store`` and ``widgets``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "worksheet"]

if TYPE_CHECKING:  # pragma: no cover
    from .authoring import worksheet


def __getattr__(name: str) -> Any:
    # Lazy: the CLI and the model must not pay for importing ipywidgets.
    if name == "worksheet":
        from .authoring import worksheet

        return worksheet
    raise AttributeError(name)
