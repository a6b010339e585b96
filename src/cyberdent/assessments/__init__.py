"""Diagnostics saved in a practice: history, progress chart, comparison."""
