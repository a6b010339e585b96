"""Audit log of security events, visible to the owner of the practice concerned."""
