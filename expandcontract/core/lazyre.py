"""Regular expressions compiled on first use, not at import.

A pattern with a large character class (``[\\x80-\\U0010ffff]``) takes milliseconds to compile,
a real share of a one-file ``lint`` that starts a whole interpreter: ``LazyPattern`` defers it to
the first call, and then keeps the compiled pattern's methods as its own attributes, so later
calls cost what calls on a compiled pattern cost.

>>> word = LazyPattern(r"\\w+")
>>> word.findall("a bc"), word.pattern
(['a', 'bc'], '\\\\w+')
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["LazyPattern"]


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiled when an attribute is first asked for."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only reached for attributes not set yet: the first call of each method
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)
        return value
