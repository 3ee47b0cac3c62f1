"""Writes ``expandcontract/rules/_index.py``'s ``RULES`` from the rule modules (every rule's
metadata): run it after adding a rule or changing a rule's class attributes::

    python tests/update_rule_index.py

tests/test_rule_index.py fails until the index matches."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from expandcontract.core.findings import Severity
from expandcontract.core.migration import ScriptKind
from expandcontract.core.ops import Op
from expandcontract.rules import _index, rule_metadata


def _literal(value: Any) -> str:
    if isinstance(value, (Severity, ScriptKind, Op)):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, frozenset):
        return "frozenset({" + ", ".join(sorted(map(_literal, value))) + "})" if value else "frozenset()"
    if isinstance(value, tuple):
        return "(" + "".join(f"{_literal(v)}, " for v in value).rstrip(" ") + ")" if value else "()"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_literal(v)}" for k, v in value.items()) + "}"
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    raise TypeError(f"rule metadata {value!r} has no literal here")


def render(metadata: tuple[tuple[str, str, dict[str, Any]], ...]) -> str:
    """The text of ``RULES`` for ``metadata`` (``rules.rule_metadata()``)."""
    lines = ["RULES: tuple[tuple[str, str, dict[str, Any]], ...] = ("]
    for module, cls, meta in metadata:
        lines.append(f"    ({module!r}, {cls!r}, {{")
        lines += [f"        {k!r}: {_literal(v)}," for k, v in meta.items()]
        lines.append("    }),")
    lines.append(")")
    return "\n".join(lines)


def main() -> None:
    path = Path(_index.__file__)
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(# fmt: off\n).*?(\n# fmt: on)", lambda m: m.group(1) + render(rule_metadata())
                 + m.group(2), text, count=1, flags=re.S)
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
