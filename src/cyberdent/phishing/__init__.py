"""Hameçonnage: the offline checker of a doubtful e-mail, and (to come) the team training."""
