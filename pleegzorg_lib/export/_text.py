"""Small helpers shared by every export: the stylesheet, inert Markdown, errors, PDF printing.

Kept apart from the report so a participant's page can export without importing pandas.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

CSS_PATH = (
    Path(__file__).resolve().parent.parent
    / "server/share/voila/templates/pleegzorg/static/pleegzorg.css"
)


class ReportError(ValueError):
    """A report cannot be made: the message is Dutch and says why."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)")


def md_text(text: str) -> str:
    """Participant text as inert Markdown: HTML escaped, Markdown punctuation escaped."""
    flat = " ".join(text.split())
    inert = _MD_SPECIAL.sub(r"\\\1", escape(flat, quote=False))
    return _MD_LINE_START.sub(_escape_marker, inert)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return match.group(1) + escaped + match.group(3)


def html_to_pdf(html_text: str, target: Path) -> None:
    """Print HTML to PDF with headless Chromium (Debian's package); clear error without it."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise ReportError("Voor PDF is Chromium nodig (Debian-pakket 'chromium').")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "verslag.html"
        source.write_text(html_text, encoding="utf-8")
        result = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            capture_output=True,
            timeout=120,
        )
    if result.returncode != 0 or not target.exists():
        raise ReportError("PDF maken is mislukt: " + result.stderr.decode(errors="replace")[-300:])
