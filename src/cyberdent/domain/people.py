"""How a person is named on screen: the display name they chose, else their e-mail address."""

from __future__ import annotations

DISPLAY_NAME_MAX_LENGTH = 60


def person_label(display_name: str | None, email: str | None) -> str:
    """ "Dr Martin" when a display name is set; the address otherwise (never empty)."""
    name = (display_name or "").strip()
    return name or (email or "").strip() or "Compte sans adresse"
