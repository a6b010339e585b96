"""Signals of the tenancy core, for the apps above it to react without practices importing them."""

from __future__ import annotations

from django.dispatch import Signal

# An owner's rights in a practice end: the owner is demoted, removed, leaves, or deletes their
# account. Sent inside that change's transaction (a receiver's error undoes the change) with
# practice=, membership= (still the owner's), request=. See practices.services.owner_access_end.
owner_access_ended = Signal()
