"""Texts shared by the reflection tools (carried-forward answers, panels)."""

NL: dict[str, str] = {
    "carry.title": "Wat je eerder schreef",
    "panel.needs_participant": "Dit onderdeel werkt zodra de pagina je hervatcode toont.",
}

EN: dict[str, str] = {
    "carry.title": "What you wrote earlier",
    "panel.needs_participant": "This part works as soon as the page shows your resume code.",
}
