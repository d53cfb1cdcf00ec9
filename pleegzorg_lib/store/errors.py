"""The store's own error: the message is Dutch, one line, and says what to do."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be used as configured; the message is Dutch and says why."""
