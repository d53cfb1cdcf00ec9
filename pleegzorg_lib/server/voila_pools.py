"""Voilà's kernel pools, where we lean on them (issue 31): what the admission control and the
warm-up read of Voilà's pooling kernel manager is checked when the server starts, and its
refill is held back while the server is full and never waits inside the pool.

Voilà 0.5.13 has no public surface for its pools; :func:`check_voila_internals` makes a
moved attribute stop the server with the reason instead of silently switching the kernel
limit's count of warm kernels off.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .admission import gate_of

__all__ = [
    "VOILA_POOL_INTERNALS",
    "VoilaInternalsMissing",
    "check_voila_internals",
    "limit_pool_filling",
]


#: What the admission control and the warm-up use of Voilà's pooling kernel manager (0.5.13):
#: it has no public surface for them, so their presence is checked when the server starts.
VOILA_POOL_INTERNALS = ("_pools", "fill_if_needed", "fill_delay", "kernel_pools_config")


class VoilaInternalsMissing(RuntimeError):
    """Voilà's pools are not where this version of pleegzorg reads them."""


def check_voila_internals(kernel_manager: Any, *, preheat: bool) -> None:
    """Fail loudly at startup when Voilà's pool internals moved: the kernel limit would
    otherwise stop counting warm kernels without anyone noticing (issue 31)."""
    if not preheat:
        return
    missing = [
        name
        for name, ok in (
            ("_pools", isinstance(kernel_manager.__dict__.get("_pools"), dict)),
            ("fill_if_needed", callable(getattr(type(kernel_manager), "fill_if_needed", None))),
            ("fill_delay", isinstance(getattr(kernel_manager, "fill_delay", None), int | float)),
            (
                "kernel_pools_config",
                isinstance(getattr(kernel_manager, "kernel_pools_config", None), dict),
            ),
        )
        if not ok
    ]
    if missing:
        raise VoilaInternalsMissing(
            "Voilà's kernel pools are not where pleegzorg reads them (missing: "
            + ", ".join(missing)
            + "). The kernel limit cannot count warm kernels with this Voilà version: "
            "install voila==0.5.13 (pyproject.toml) or adapt server/voila_pools.py, "
            "server/admission.py and server/warmup.py."
        )


def limit_pool_filling(kernel_manager: Any) -> None:
    """Voilà refills a pool right after a page takes its warm kernel; skip that while the
    server is full (the warm-up fills it later, when there is room again).

    And never make a page wait for the refill's delay: Voilà puts the refill in the pool at
    once, as a task that first sleeps ``fill_delay`` (10 s here, so that a room arriving at
    once does not compete with its own refills), and the next visitor of that worksheet
    took that task and waited out the sleep (8–10 s, measured). Here the refill is only
    *scheduled* after the delay; meanwhile the pool holds what is really warm or starting,
    and a visitor who finds none gets a kernel of their own at once (forked: < 1 s)."""
    gate = gate_of(kernel_manager)
    if gate is None or "_pools" not in kernel_manager.__dict__:
        return  # our limit is not in place, or no preheating (nothing to fill)
    original = kernel_manager.fill_if_needed

    def fill_now(*args: Any, **kwargs: Any) -> None:
        gate.purge_failed()
        if gate.may_warm():
            original(*args, **kwargs)

    def fill_if_needed(delay: float | None = None, *args: Any, **kwargs: Any) -> None:
        wait = kernel_manager.fill_delay if delay is None else delay
        if wait and wait > 0:
            asyncio.get_event_loop().call_later(wait, lambda: fill_now(0, *args, **kwargs))
        else:
            fill_now(0, *args, **kwargs)

    kernel_manager.fill_if_needed = fill_if_needed
