"""``json.dumps(value, indent=2)``, faster: the reports' layout without the pure-Python encoder.

The standard library only uses its C encoder when no ``indent`` is given; with one, a report of
thousands of findings spends more time in ``json`` than the linter spends finding them. Here
the layout (two spaces per level, ``", "`` between items on their own lines, ``": "`` after keys)
is written by hand and every string or number is still encoded by ``json`` itself, so the text
is identical.

>>> value = {"a": [1, {"b": "é\\n", "c": None}], "d": {}, "e": [], "f": (True, 1.5)}
>>> dumps(value) == json.dumps(value, indent=2)
True
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii
from typing import Any

__all__ = ["dumps"]


def dumps(value: Any) -> str:
    return _encode(value, "\n")


def _encode(value: Any, newline: str) -> str:
    """``value`` at the nesting level whose lines start with ``newline`` (its indentation)."""
    if type(value) is str:
        return encode_basestring_ascii(value)
    if type(value) is int:
        return int.__repr__(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        # (strings, most values, are encoded inline: this runs once per field of every finding)
        items = [f"{inner}{encode_basestring_ascii(k)}: "
                 f"{encode_basestring_ascii(v) if type(v) is str else _encode(v, inner)}"
                 for k, v in value.items()]
        return "{" + ",".join(items) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + ",".join([inner + _encode(v, inner) for v in value]) + newline + "]"
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    return json.dumps(value)  # None, booleans, floats, int subclasses: as json writes them
