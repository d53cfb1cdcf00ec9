"""Resume codes (hervatcodes): the pseudonymous key to a participant's own answers."""

from __future__ import annotations

import hashlib
import re
import secrets

# No 0/O, 1/I/L: codes are read aloud and typed on phones.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 12 symbols of 31 = 59 bits of entropy
SESSION_CODE_PATTERN = re.compile(r"^[A-Z0-9]{3,16}$")


def new_resume_code() -> str:
    """Return a fresh random resume code in three blocks of four, e.g. ``ABCD-EFGH-JKMN``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def normalize_code(text: str) -> str | None:
    """Return the canonical form of a typed code, or ``None`` when it cannot be one.

    Spaces, dashes and case are forgiven, so "abcd efgh jkmn" finds ``ABCD-EFGH-JKMN``.
    """
    raw = re.sub(r"[\s\-_.]", "", text or "").upper()
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return format_code(raw)


def format_code(raw: str) -> str:
    """Group a raw code in blocks of four for reading."""
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def code_digest(code: str) -> str:
    """The stored form of a code: the database never holds codes themselves."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def normalize_session_code(text: str) -> str | None:
    """Return the canonical join code of a session (uppercase), or ``None`` if malformed."""
    raw = re.sub(r"[\s\-]", "", text or "").upper()
    return raw if SESSION_CODE_PATTERN.match(raw) else None
