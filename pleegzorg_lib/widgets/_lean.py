"""Fewer widget models per page: widgets without their own layout or style share one.

Every ipywidget normally brings a ``Layout`` model and most bring a ``…Style`` model too, each
with its own comm: an 11-question worksheet had 330 models, 201 of them layouts and styles
that were all left at their defaults. Every model costs kernel memory, a comm message when
the page opens and a model the browser has to create (issue 6). Here the *default* layout
and the default style of each kind are one shared instance per kernel; a widget created with
its own ``layout=`` or ``style=`` keeps it. The shared instances are frozen: code that tries
``widget.layout.display = "none"`` on a widget that has no layout of its own gets a clear
error instead of hiding every widget on the page — give that widget ``layout=w.Layout()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import ipywidgets as w
from ipywidgets.widgets.trait_types import InstanceDict

_SHARED: dict[type, w.Widget] = {}
_INSTALLED = False


class SharedModelError(AttributeError):
    """A shared default layout or style was about to be changed."""


def _frozen(klass: type[Any]) -> type:
    """A subclass of a Layout/Style class whose synced traits cannot change once made."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        # _model_*, _view_*: the protocol's own traits, not how a widget looks
        frozen = getattr(self, "_pz_frozen", False) and not name.startswith("_")
        if frozen and name in getattr(self, "keys", ()):
            raise SharedModelError(
                f"{klass.__name__} is shared by every widget without its own; "
                f"create the widget with {'layout' if klass is w.Layout else 'style'}=… "
                f"to change {name!r}"
            )
        # the class's own __setattr__ (traitlets'), called unbound on this instance
        base_setattr = cast(Callable[[Any, str, Any], None], klass.__setattr__)
        base_setattr(self, name, value)

    return type(f"Shared{klass.__name__}", (klass,), {"__setattr__": __setattr__})


def shared(klass: type[Any]) -> w.Widget:
    """The kernel's one default instance of a Layout or Style class."""
    instance = _SHARED.get(klass)
    if instance is None or instance.comm is None:  # never made, or closed (close_all)
        instance = _frozen(klass)()
        instance._pz_frozen = True
        _SHARED[klass] = instance
    return instance


def share_default_models() -> None:
    """Make widgets without an explicit layout/style use the shared ones (idempotent)."""
    global _INSTALLED
    if _INSTALLED:
        return
    traits: list[InstanceDict] = []
    for cls in _widget_classes(w.DOMWidget):
        for name in ("layout", "style"):
            trait = cls.class_traits().get(name)
            if isinstance(trait, InstanceDict) and trait not in traits:
                traits.append(trait)
    for trait in traits:
        klass = trait.klass

        def default(klass: type = klass) -> w.Widget:
            return shared(klass)

        trait.make_dynamic_default = default
    _INSTALLED = True


def _widget_classes(root: type[w.DOMWidget]) -> list[type[w.DOMWidget]]:
    found: list[type[w.DOMWidget]] = []
    stack = [root]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


_LAYOUTS: dict[tuple[tuple[str, str], ...], w.Layout] = {}


def layout_of(**looks: str) -> w.Layout:
    """One frozen shared ``Layout`` per set of looks (``layout_of(width="100%")``), for widgets
    whose layout never changes. A layout that is changed later (``display`` toggled) must be
    a widget's own: ``w.Layout(...)``."""
    key = tuple(sorted(looks.items()))
    found = _LAYOUTS.get(key)
    if found is None or found.comm is None:
        found = _frozen(w.Layout)(**looks)
        found._pz_frozen = True
        _LAYOUTS[key] = found
    return found
