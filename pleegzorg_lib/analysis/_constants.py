"""Thresholds and default labels shared by the analysis modules."""

from __future__ import annotations

#: No aggregate is shown for fewer respondents than this ("te weinig antwoorden om te tonen").
K_MIN = 5

#: Beyond ``K_MIN``, a count is published only in steps of this many respondents: the
#: earliest ``K_MIN + STEP * ((n - K_MIN) // STEP)`` of ``n`` answers are summarised, so a
#: change in what is shown always takes at least two new people and never isolates one
#: (issue 27: a Likert showed "0" with 5 respondents and "1" with 6: the 6th was read off).
STEP = 2


def published(respondents: int, k: int = K_MIN, step: int = STEP) -> int:
    """How many of ``respondents`` answers a summary shows (all of them below ``k``, where
    nothing is shown anyway)."""
    if respondents < k or step <= 1:
        return respondents
    return k + step * ((respondents - k) // step)


#: Default display name of the merged group of small roles (the report and the live view
#: pass the catalog's words, ``analysis.other_roles``; analysis itself stays free of i18n).
OTHER_LABEL = "Overige rollen"

#: Default display name of participants who did not pick a role.
UNKNOWN_ROLE_LABEL = "Rol niet gekozen"
