"""A QR code of a link, as inline SVG (issue 30): a participant scans it from the shared
screen or a printed handout and lands on the session's worksheet.

Only links without secrets are drawn (the participant's ``?sessie=`` link, never a facilitator
key). The SVG has no size of its own (a ``viewBox`` only), so the page's CSS makes it as large
as the room needs; dark modules on a white field with the standard quiet zone of four modules,
error correction M (15 %: a projector's glare or a crease in the paper).
"""

from __future__ import annotations

import html
import io

import segno

__all__ = ["qr_block", "qr_svg"]


def qr_svg(link: str, *, title: str, css: str = "pz-qr-code") -> str:
    """``link`` as a QR code in inline SVG, with ``title`` for screen readers."""
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        title=None,
        svgclass=css,
        lineclass=None,
    )
    svg = out.getvalue().decode("ascii")
    label = html.escape(title)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def qr_block(link: str, *, title: str) -> str:
    """The QR code of a participants' link in its ``pz-qr`` box, or ``""`` for a relative
    link (it means nothing to a phone)."""
    if not link.startswith(("http://", "https://")):
        return ""
    return f'<div class="pz-qr">{qr_svg(link, title=title)}</div>'
