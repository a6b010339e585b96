"""The one error type the CLI turns into a message on stderr and exit status 2."""


class UsageError(Exception):
    pass
