"""A trace as text or JSON. Pure."""

from __future__ import annotations

import json

from .compare import Disagreement
from .run import TraceResult

__all__ = ["render_trace"]


def _head(text: str, width: int = 72) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_trace(traced: TraceResult, disagreements: tuple[Disagreement, ...], fmt: str = "text") -> str:
    if fmt == "json":
        data = traced.to_dict()
        data["disagreements"] = [d.to_dict() for d in disagreements]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [f"trace on PostgreSQL {traced.server_version}"]
    for stmt in traced.statements:
        o = stmt.observation
        if o is None:
            lines.append(f"{stmt.file}:{stmt.line}: tx {stmt.transaction}  "
                         f"{'FAILED: ' + stmt.error if stmt.error else 'not run'}  {_head(stmt.text)}")
            continue
        facts = []
        if stmt.new_locks:
            facts.append("locks " + ", ".join(
                f"{m.label} {r}" for r, m in sorted(stmt.new_locks.items())))
        elif not o.observed:
            facts.append("outside a transaction: locks not observable")
        for word, tables in (("rewrites", o.rewrites), ("index builds", o.index_builds), ("scans", o.scans)):
            if tables:
                facts.append(f"{word} {', '.join(sorted(tables))}")
        lines.append(f"{stmt.file}:{stmt.line}: tx {stmt.transaction}  {o.seconds * 1000:.1f} ms  {_head(stmt.text)}")
        if facts:
            lines.append("    " + "; ".join(facts))
        for reason, tables in stmt.reasons.items():
            lines.append(f"    HAZARD {reason}: {reason.words} ({', '.join(tables)})")
    stmts = traced.statements
    lines.append("")
    for d in disagreements:
        lines.append(f"{d.key}: DISAGREE {d.kind}: {d.lint_words()}; {d.trace_words()}")
    lines.append(f"{len(stmts)} statements, {sum(s.observation is not None for s in stmts)} ran, "
                 f"{sum(s.error is not None for s in stmts)} failed, {sum(s.hazard for s in stmts)} hazards, "
                 f"{len(disagreements)} disagreements with lint")
    return "\n".join(lines) + "\n"
