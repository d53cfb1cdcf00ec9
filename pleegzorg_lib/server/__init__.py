"""The web side: our Voilà application, template and landing page."""

from .landing import render_landing

__all__ = ["render_landing"]
