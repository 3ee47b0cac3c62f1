"""Failures of a run. ``RunnerError`` is a failure the operator acts on (exit 1, one message that
says where things stand); ``DatabaseUnreachable`` is bad input (exit 2, like a missing file)."""

from __future__ import annotations

from ..core.errors import InputError

__all__ = ["AnotherRunner", "ConnectionLost", "DatabaseUnreachable", "Interrupted", "LockBudgetSpent", "NotPermitted", "Refused",
           "RunnerError", "StepFailed", "VerificationFailed"]


class RunnerError(Exception):
    """The run stopped; the message says which step, why, and what a rerun will do."""


class Refused(RunnerError):
    """The runner would not start something unsafe (contract before migrate, drift, data loss)."""


class NotPermitted(Refused):
    """A read-only connection, or a privilege the run needs is missing; checked before anything runs."""


class StepFailed(RunnerError):
    pass


class LockBudgetSpent(StepFailed):
    def __init__(self, message: str, blockers: list[dict]) -> None:
        super().__init__(message)
        self.blockers = blockers


class ConnectionLost(RunnerError):
    pass


class Interrupted(RunnerError):
    """Ctrl-C: the open transaction was rolled back, the state says where the run stopped."""


class VerificationFailed(RunnerError):
    """An app query no longer prepares against the schema."""


class AnotherRunner(RunnerError):
    def __init__(self, message: str, holder: dict | None) -> None:
        super().__init__(message)
        self.holder = holder


class DatabaseUnreachable(InputError):
    """No database at that URL, or the URL is malformed. Reported as one line, exit 2."""

    def __init__(self, masked_url: str, message: str) -> None:
        super().__init__(masked_url, message)
