"""Participants per role, without revealing any group smaller than k."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ._constants import K_MIN, OTHER_LABEL, UNKNOWN_ROLE_LABEL

__all__ = ["role_counts"]


def role_counts(
    roles: Sequence[str | None],
    role_names: Mapping[str, str],
    *,
    k: int = K_MIN,
    other_label: str = OTHER_LABEL,
    unknown_label: str = UNKNOWN_ROLE_LABEL,
) -> tuple[tuple[tuple[str, int], ...], bool]:
    """Count participants per role, merging every group smaller than ``k``.

    Parameters
    ----------
    roles
        One role id per participant; ``None`` when someone did not pick a role.
    role_names
        Display name per role id. An id without a name is shown as itself.
    k
        The smallest group that may be shown.
    other_label, unknown_label
        Display names of the merged group and of participants without a role.

    Returns
    -------
    (groups, suppressed)
        ``groups`` is a tuple of (display name, count) sorted by count descending (then
        name). Every group smaller than ``k`` is merged into ``other_label``. When that
        merged group would itself be smaller than ``k`` (for instance a single small
        group), the smallest shown group is merged into it as well, so that subtracting
        the shown counts from the total never reveals a group below ``k``. The counts
        always add up to ``len(roles)``. ``suppressed`` is True, and ``groups`` empty,
        when there are fewer than ``k`` participants in all.
    """
    total = len(roles)
    if total < k or total == 0:
        return (), True
    counts: Counter[str] = Counter(
        unknown_label if role is None else role_names.get(role, role) for role in roles
    )
    shown = {label: n for label, n in counts.items() if n >= k and label != other_label}
    other = total - sum(shown.values())
    # Why: a merged group below k (one small group, or two whose sum is still < k) could
    # be recovered as total minus the shown counts; fold in the next-smallest group.
    while 0 < other < k and shown:
        smallest = min(shown, key=lambda label: (shown[label], label))
        other += shown.pop(smallest)
    groups = list(shown.items())
    if other:
        groups.append((other_label, other))
    groups.sort(key=lambda item: (-item[1], item[0]))
    return tuple(groups), False
