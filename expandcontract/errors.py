"""Expected failures that the CLI reports as one line and exit code 2."""

from __future__ import annotations

from .config import ConfigError
from .sources import InputError

__all__ = ["UserError"]

# Everything a user can fix by changing their input. Feature modules add their own error
# types to this tuple by subclassing one of these.
UserError = (InputError, ConfigError)
