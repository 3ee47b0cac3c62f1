"""The errors every layer raises for bad input: the CLI reports them as one line and exit code 2."""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "UserError"]


class InputError(Exception):
    """Bad input: a missing file, unreadable text, a malformed marker. One line, with the place."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.line = path, line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


class ConfigError(ValueError):
    """A configuration problem, with the file (and line where known) it comes from.

    ``key`` is the dotted key at fault (``severity.EC401``), so the edge that read the file can
    point at its line.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.message, self.path, self.line, self.key = message, path, line, key
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(where + message)


# Everything a user can fix by changing their input. Feature modules add their own error
# types to this tuple by subclassing one of these.
UserError = (InputError, ConfigError)
