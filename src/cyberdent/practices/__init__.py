"""Practices (cabinets), their team, roles and invitations; the one access helper."""
