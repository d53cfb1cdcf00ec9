"""Texts of the language switch (``?taal=en``) on the landing page and the worksheet pages."""

NL = {
    # The link to the *other* language, written in that language.
    "language.other": "English",
    "language.other_code": "en",
    "language.switch_label": "Switch to English",
}

EN = {
    "language.other": "Nederlands",
    "language.other_code": "nl",
    "language.switch_label": "Schakel over naar Nederlands",
}
