"""How a command's expected failures end, shared by the click group (``cli.py``) and the fast
path (``_fast.py``): bad input or configuration is one line on stderr and exit code 2, never a
traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["EXIT_USAGE", "guarded"]

EXIT_USAGE = 2


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextmanager
def guarded(say: Callable[[str], None] = _say) -> Iterator[None]:
    """Runs a command, turning the failures a user can fix into one line (``say``) and an exit code."""
    from ..core.errors import UserError

    try:
        yield
    except UserError as exc:
        say(f"expandcontract: error: {exc}")
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:  # `expandcontract lint | head`: the reader left, nothing to say
        sys.stderr.close()
        sys.exit(1)
    except OSError as exc:  # a last guard: an unreadable path is one line, never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"expandcontract: error: {where}{exc.strerror or exc}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        say("expandcontract: interrupted")
        sys.exit(130)
    except MemoryError:  # (linting names the file it ran out on: a UserError above)
        say("expandcontract: error: out of memory")
        sys.exit(EXIT_USAGE)
