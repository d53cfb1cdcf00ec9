"""Names a package offers but imports only when first used (PEP 562).

The notebook API, the analysis (pandas) and the report exports (pandas through the analysis)
are heavy; a package lists what it offers in ``__all__`` and where each name lives, and
pays for the import only when someone asks for the name. A participant's kernel and the CLI
start without pandas this way (``tests/unit/test_layers.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, names: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps a public name to the
    module (relative to the package) that defines it; ``namespace`` is the package's
    ``globals()`` (what it holds already; a name asked for is kept there)."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value  # asked once: later lookups find it directly
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
