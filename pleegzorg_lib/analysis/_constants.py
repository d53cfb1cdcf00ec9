"""Thresholds and default labels shared by the analysis modules."""

from __future__ import annotations

#: No aggregate is shown for fewer respondents than this ("te weinig antwoorden om te tonen").
K_MIN = 5

#: Default display name of the merged group of small roles (the report and the live view
#: pass the catalog's words, ``analysis.other_roles``; analysis itself stays free of i18n).
OTHER_LABEL = "Overige rollen"

#: Default display name of participants who did not pick a role.
UNKNOWN_ROLE_LABEL = "Rol niet gekozen"
