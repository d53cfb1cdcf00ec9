"""How long a page may take, counted from when its visitor asked for it.

Voilà applies ``VoilaExecutor.timeout`` to every cell. A preheated kernel runs the notebook up
to the cell that binds the page to its visitor (``ws.finish()``) and waits there, in that
cell, until someone opens the page: that may be hours. Counted per cell, the wait itself ran
out after two idle minutes and the first visitor got a cut-off page with Voilà's English
"Cell execution timed out" text (issue 26).

So the clock is split in two:

- the binding cell (its source calls ``.finish(``) has no cell timeout: a warm kernel may wait
  for its visitor as long as the server runs (it costs its memory, ~70 MiB, and no CPU;
  the warm-up decides how many wait, see ``warmup.py``);
- every page has a deadline of ``VoilaExecutor.timeout`` seconds from its *request*
  (:func:`page_deadline`): ``page_handler.WorksheetPageHandler`` stops a page that is not
  complete by then, writes a Dutch (or English) message with a reload link,
  logs it and shuts the page's kernel down. Other cells keep Voilà's per-cell timeout; the
  template shows its error in the page's language too, never Voilà's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

#: The call that waits for the request: the cell holding it is not subject to the cell timeout.
BINDING_CALL = re.compile(r"\.finish\s*\(")
#: Seconds a page may take from its request when nothing is configured (Voilà's cell default
#: is no timeout at all; ours is the one workbooks/voila.json sets).
DEFAULT_PAGE_TIMEOUT = 120.0


def is_binding_cell(source: str) -> bool:
    """Whether a code cell waits for the page's request (``ws.finish()``)."""
    return bool(BINDING_CALL.search(source or ""))


def cell_timeout(timeout: float | None) -> Callable[[Any], float | None]:
    """nbclient's ``timeout_func``: no timeout for the binding cell, ``timeout`` for others."""

    def timeout_for(cell: Any) -> float | None:
        source = cell.get("source", "") if isinstance(cell, Mapping) else ""
        if is_binding_cell(source if isinstance(source, str) else "".join(source)):
            return None
        return timeout

    return timeout_for


def page_deadline(executor_config: Mapping[str, Any]) -> float:
    """Seconds a page may take from its request: the configured cell timeout (a page is one
    binding after the warm kernel's work, or one run of the notebook without a warm kernel)."""
    value = executor_config.get("timeout") if "timeout" in executor_config else None
    try:
        seconds = float(value) if value is not None else DEFAULT_PAGE_TIMEOUT
    except (TypeError, ValueError):
        seconds = DEFAULT_PAGE_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_PAGE_TIMEOUT


KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-fA-F-]{8,64})"')


def kernel_id_in(html: str) -> str | None:
    """The kernel id our template wrote into the page's data (``#pz-page``)."""
    found = KERNEL_ID.search(html)
    return found.group(1) if found else None


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def log_cell_error(*, cell: Any, cell_index: int, execute_reply: Mapping[str, Any]) -> None:
    """nbclient's ``on_cell_error``: a cell of a page failed. The visitor sees our Dutch block
    ("het is gemeld"); this is the report — which cell, the error and its traceback (kernel ids
    are masked by the log filter; the page's query is not in it)."""
    import logging

    content = execute_reply.get("content", {})
    trace = "\n".join(_ANSI.sub("", line) for line in content.get("traceback", []))
    logging.getLogger("pleegzorg_lib.server.page").error(
        "a cell of a page failed (cell %d, %s): %s: %s\n%s",
        cell_index,
        (cell.get("source", "") or "").strip().splitlines()[0][:80] if cell.get("source") else "",
        content.get("ename", "?"),
        content.get("evalue", ""),
        trace,
    )
