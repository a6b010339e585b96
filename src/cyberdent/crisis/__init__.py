"""The practice's crisis protocol: its own contacts, the poster, the team told."""
