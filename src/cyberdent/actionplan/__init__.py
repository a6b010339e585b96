"""The tracked action plan of a practice, and its calendar reminders."""
