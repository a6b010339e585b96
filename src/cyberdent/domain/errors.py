"""Errors the domain raises for bad input; callers turn them into messages, never tracebacks."""

from __future__ import annotations


class ReferentialError(Exception):
    """The référentiel file cannot be read or is invalid; the message names the file and the key."""


class AnswersError(Exception):
    """Answers do not fit the référentiel; `problems` lists each one in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class ContactsError(Exception):
    """Crisis contacts that cannot be used; `problems` maps a field path to a French message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems
