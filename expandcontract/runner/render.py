"""Plans as text or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .executor import RecordedStep

__all__ = ["render_plan"]


def render_plan(records: Sequence[RecordedStep], fmt: str = "text") -> str:
    if fmt == "json":
        return "".join(json.dumps({"event": "plan_step", **r.as_dict()}) + "\n" for r in records)
    if not records:
        return "nothing to do: every migration is applied up to that phase\n"
    out: list[str] = []
    current = None
    for r in records:
        if (r.migration, r.phase) != current:
            current = (r.migration, r.phase)
            out.append(f"{r.migration} — {r.phase} ({r.path})")
        out.append(f"  step {r.number}: {r.transaction}, line {r.line}; lock {r.lock}; "
                   f"lock_timeout {r.lock_timeout}, statement_timeout {r.statement_timeout}")
        for sql in r.sql:
            text = sql.strip().replace("\n", "\n        ")
            out.append(f"      {text};")
        for note in r.notes:
            out.append(f"    # {note}")
    return "\n".join(out) + "\n"
